package i18n

// sweeps holds the words of a sweep's figures (fig.sweep.*), its page's
// design notes and value ranges (design.*, dist.*, sweep.*) and its
// terminal summary (term.sweep_*).
var sweeps = map[string]Message{
	"fig.sweep.of_scenario":  {" (%s)", "（%s）"},
	"fig.sweep.morris.title": {"What moves %s in %d%s", "影响 %s 的参数，%d 年%s"},
	"fig.sweep.morris.x":     {"μ*: mean absolute effect over the whole range", "μ*：在整个取值范围内的平均绝对效应"},
	"fig.sweep.morris.y":     {"σ: spread of the effects", "σ：效应的离散程度"},
	"fig.sweep.morris.caption": {"Morris elementary effects of each parameter on %s. Right: a larger effect; up: an effect that depends on where the others are (interaction or curvature).",
		"各参数对 %s 的 Morris 基本效应。越靠右，效应越大；越靠上，效应越依赖其他参数的取值（交互作用或非线性）。"},
	"fig.sweep.morris.note": {"Whiskers: bootstrap 95% interval of μ* over trajectories.", "须线：μ* 在各轨迹上的自助法 95% 区间。"},
	"fig.sweep.sobol.title": {"Shares of the variance of %s in %d%s", "%s 的方差构成，%d 年%s"},
	"fig.sweep.sobol.x":     {"Sobol index", "Sobol 指数"},
	"fig.sweep.sobol.caption": {"First-order index: the share of the variance of %s a parameter causes alone; total: the share it takes any part in. Their gap is its interactions.",
		"一阶指数：参数单独造成的 %s 方差份额；总指数：参数参与其中的方差份额。两者之差是它的交互作用。"},
	"fig.sweep.sobol.note":  {"Whiskers: bootstrap 95% interval over the base samples.", "须线：基于基础样本的自助法 95% 区间。"},
	"fig.sweep.sobol.first": {"first-order (S1)", "一阶（S1）"},
	"fig.sweep.sobol.total": {"total (ST)", "总（ST）"},
	"fig.sweep.against":     {"%s against %s, %d%s", "%s 与 %s 的关系，%d 年%s"},
	"fig.sweep.response.caption": {"The mean of %s over replicates at each value of %s; every value shares the same random numbers.",
		"%[2]s 每个取值下 %[1]s 在各次重复运行上的平均值；所有取值共用相同的随机数。"},
	"fig.sweep.scatter.caption": {"Each dot is a point of the design: the mean of %[1]s over replicates, against %[2]s, with every other parameter at that point's value. A trend says the outcome leans on %[2]s; the scatter around it is the other parameters and the replicates.",
		"每个点是设计中的一个点：%[1]s 在各次重复运行上的平均值与 %[2]s 的关系，其他参数取该点的值。呈现趋势说明结果依赖于 %[2]s；趋势周围的散布来自其他参数和重复运行。"},
	"fig.sweep.scatter.note": {"Each dot: the mean over replicate runs at one point (sweep.csv has each run).", "每个点：一个设计点上各次重复运行的平均值（每次运行见 sweep.csv）。"},
	"fig.sweep.grid.title":   {"%s by %s and %s, %d%s", "%s，按 %s 和 %s 分，%d 年%s"},
	"fig.sweep.grid.caption": {"The mean of %s over replicates at each point of the grid; darker is higher.", "网格每个点上 %s 在各次重复运行上的平均值；颜色越深，数值越高。"},
	"fig.sweep.grid.note":    {"Each cell: the mean over replicate runs (sweep.csv has each run).", "每格：各次重复运行的平均值（每次运行见 sweep.csv）。"},

	"dist.each":       {"each of %s", "依次取 %s"},
	"dist.one":        {"one of %s, equally likely", "等概率取 %s 之一"},
	"dist.steps":      {"%d evenly spaced values from %s to %s", "从 %[2]s 到 %[3]s 的 %[1]d 个等距取值"},
	"dist.uniform":    {"uniform over [%s, %s]", "[%s, %s] 上的均匀分布"},
	"dist.log":        {"log-uniform over [%s, %s]", "[%s, %s] 上的对数均匀分布"},
	"dist.triangular": {"triangular over [%s, %s], most likely %s", "[%s, %s] 上的三角分布，众数 %s"},
	"dist.normal":     {"normal (mean %s, sd %s) cut to [%s, %s]", "正态分布（均值 %s，标准差 %s），截断于 [%s, %s]"},

	"design.grid": {"A full grid: every combination of the values, %d points.", "全网格：所有取值的每种组合，共 %d 个点。"},
	"design.lhs": {"A Latin hypercube of %d points (McKay, Beckman and Conover 1979): each parameter's range cut into %d equally likely strata, one point in each; design seed %d.",
		"%d 个点的拉丁超立方设计（McKay、Beckman 和 Conover，1979）：每个参数的取值范围分成 %d 个等概率的层，每层一个点；设计随机种子 %d。"},
	"design.morris": {"Morris elementary effects (Morris 1991): %d trajectories of %d points on a %d-level grid, %d points; μ*, the mean absolute effect (Campolongo, Cariboni and Saltelli 2007), with bootstrap 95%% intervals over trajectories (%d resamples); design seed %d.",
		"Morris 基本效应法（Morris，1991）：在 %[3]d 水平的网格上取 %[1]d 条轨迹，每条 %[2]d 个点，共 %[4]d 个点；μ* 为平均绝对效应（Campolongo、Cariboni 和 Saltelli，2007），附基于轨迹的自助法 95%% 区间（重抽样 %[5]d 次）；设计随机种子 %[6]d。"},
	"design.sobol": {"Sobol indices by Saltelli's scheme (Saltelli et al. 2010): %d base samples from a Sobol' sequence, %d points; first-order indices by Saltelli et al. (2010), total by Jansen (1999), with bootstrap 95%% intervals (%d resamples); design seed %d.",
		"按 Saltelli 方案计算的 Sobol 指数（Saltelli 等，2010）：取自 Sobol' 序列的 %d 个基础样本，共 %d 个点；一阶指数按 Saltelli 等（2010），总指数按 Jansen（1999），附自助法 95%% 区间（重抽样 %d 次）；设计随机种子 %d。"},

	"sweep.n_outcome":    {"%d outcome", "%d 个结果指标"},
	"sweep.n_outcomes":   {"%d outcomes", "%d 个结果指标"},
	"sweep.morris_title": {"Which parameters matter, %d: Morris μ*", "哪些参数重要（%d 年）：Morris μ*"},
	"sweep.morris_note": {"Each cell is μ*, the mean absolute change in the outcome when the parameter moves across its whole range, with its bootstrap 95% interval; the largest in each row is in bold. σ, the spread of the effects, is in the figures and indices.csv.",
		"每一格是 μ*，即参数在整个取值范围内变动时结果指标的平均绝对变化，附自助法 95% 区间；每行最大者以粗体显示。效应的离散程度 σ 见图表和 indices.csv。"},
	"sweep.sobol_title": {"Which parameters matter, %d: Sobol total indices", "哪些参数重要（%d 年）：Sobol 总指数"},
	"sweep.sobol_note": {"Each cell is the total index ST, the share of the outcome's variance the parameter takes part in, with its bootstrap 95% interval; the largest in each row is in bold. First-order indices are in the figures and indices.csv.",
		"每一格是总指数 ST，即参数参与其中的结果方差份额，附自助法 95% 区间；每行最大者以粗体显示。一阶指数见图表和 indices.csv。"},

	"term.sweep_head": {"Sweep of %d points (%s design, %d %s, %d %s each), design %s.\n", "扫描 %d 个点（%s 设计，%d 个%s，每点 %d 次%s），设计 %s。\n"},
	"term.parameter":  {"parameter", "参数"},
	"term.parameters": {"parameters", "参数"},
	"term.replicate":  {"replicate", "重复运行"},
	"term.replicates": {"replicates", "重复运行"},
	"term.sweep_of":   {" of %s (indices.csv has every scenario, group and year)", "、情景 %s（indices.csv 含所有情景、分组和年份）"},
	"term.sweep_morris": {"\nMorris μ* [95%%] in %d%s (the mean absolute effect of moving a parameter across its whole range):\n",
		"\n%d 年%s的 Morris μ* [95%%]（参数在整个取值范围内变动时的平均绝对效应）：\n"},
	"term.sweep_sobol": {"\nSobol total index ST [95%%] in %d%s (the share of the variance a parameter takes part in):\n",
		"\n%d 年%s的 Sobol 总指数 ST [95%%]（参数参与其中的方差份额）：\n"},
	"term.sweep_noindex.one":   {"\n%d outcome has no index (manifest.json lists them all, under no_index), e.g. %s.\n", "\n%d 个结果指标没有指数（manifest.json 的 no_index 列出了全部），例如 %s。\n"},
	"term.sweep_noindex.other": {"\n%d outcomes have no index (manifest.json lists them all, under no_index), e.g. %s.\n", "\n%d 个结果指标没有指数（manifest.json 的 no_index 列出了全部），例如 %s。\n"},
	"term.sweep_wrote": {"\nWrote %s: sweep.csv (one row per point, scenario, replicate, metric, group and year)%s, sweep.html, manifest.json, sweep.yaml.\n",
		"\n已写入 %s：sweep.csv（每个点、情景、重复运行、指标、分组和年份各一行）%s、sweep.html、manifest.json、sweep.yaml。\n"},
}

func init() {
	for k, m := range sweeps {
		catalogue[k] = m
	}
}
