package i18n

// units are the Chinese of the units of docs/ODD.md's Parameters table,
// by their English: what the reports' tables of changes show beside a
// value (Lang.Unit).
var units = map[string]string{
	"1-5":                                 "1–5",
	"1/year":                              "1/年",
	"1/year of age":                       "1/岁",
	"SD":                                  "标准差",
	"SD of test score":                    "考试成绩标准差",
	"SD per log spending":                 "标准差/对数支出",
	"SD/year":                             "标准差/年",
	"SD/year per unit turnover":           "标准差/年/单位流失率",
	"boys per girl":                       "男孩/女孩",
	"children":                            "儿童",
	"households":                          "户",
	"index 0-1":                           "指数（0–1）",
	"log wage":                            "对数工资",
	"log wage/year":                       "对数工资/年",
	"log wage/year of schooling":          "对数工资/受教育年限",
	"log wage/year²":                      "对数工资/年²",
	"logit":                               "logit",
	"logit per log(thousand yuan/person)": "logit/对数（千元/人）",
	"logit per log(yuan/month)":           "logit/对数（元/月）",
	"logit/SD":                            "logit/标准差",
	"per year":                            "每年",
	"points":                              "分",
	"points/SD":                           "分/标准差",
	"probability":                         "概率",
	"probability/year":                    "概率/年",
	"share":                               "比例",
	"share/year":                          "比例/年",
	"utility":                             "效用",
	"utility per SD of test score":        "效用/考试成绩标准差",
	"utility per log consumption":         "效用/对数消费",
	"utility per separation":              "效用/每次分离",
	"utility per unit probability":        "效用/单位概率",
	"utility/year":                        "效用/年",
	"year":                                "年份",
	"years":                               "年",
	"yuan":                                "元",
	"yuan/month":                          "元/月",
	"yuan/year":                           "元/年",
	"×":                                   "×",
	"× base-year demand":                  "× 基准年需求",
}

// Unit is unit en of the Parameters table in l; en itself in English or
// when the catalogue lacks it.
func (l Lang) Unit(en string) string {
	if l == ZH {
		if s, ok := units[en]; ok {
			return s
		}
	}
	return en
}

// Units are the units the catalogue translates, sorted.
func Units() []string { return sortedKeys(units) }
