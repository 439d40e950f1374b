package sim

// Params is every parameter of the model, as plain Go values.
//
// The struct tags carry the contract shared with the scenario package and the
// documentation: `yaml` is the field's name in a scenario file (and in every
// dotted path), `unit` its unit, `range` the closed interval a value must lie
// in ("lo,hi"; "" for no check), `doc` one line of meaning, and `dated`
// what dated values it takes (docs/ODD.md, Dated inputs): "no" for the
// numbers that shape the run itself, "positive" where 0 as a plain value
// means "not given"; none: any in range. Sources live
// in the shipped scenarios' comments and in docs/ODD.md. The sim package
// itself never parses YAML.
type Params struct {
	Time         Time         `yaml:"time" doc:"calendar of the run"`
	Population   Population   `yaml:"population" doc:"size and scale of the simulated population"`
	Preferences  Preferences  `yaml:"preferences" doc:"household utility and choice model (docs/ODD.md II.ii)"`
	Wages        Wages        `yaml:"wages" doc:"migrant wage equation (docs/ODD.md III.iv)"`
	Remittances  Remittances  `yaml:"remittances" doc:"remittance rule (docs/ODD.md III.iv)"`
	HumanCapital HumanCapital `yaml:"human_capital" doc:"test-score growth and school effects (docs/ODD.md III.iv)"`
	MentalHealth MentalHealth `yaml:"mental_health" doc:"depression chain and ideation (docs/ODD.md III.iv)"`
	Transitions  Transitions  `yaml:"transitions" doc:"zhongkao at 15 and gaokao at 18, dropout at 12-15 (docs/ODD.md III.iv)"`
	Demography   Demography   `yaml:"demography" doc:"births, caregivers, entry (docs/ODD.md III.iv)"`
	Prices       Prices       `yaml:"prices" doc:"price and income levels relative to the yuan amounts given (docs/ODD.md, Dated inputs)"`
	Policy       Policy       `yaml:"policy" doc:"national policy levers"`
	Observation  Observation  `yaml:"observation" doc:"definitions used only by the metrics"`
	Regions      []Region     `yaml:"regions" doc:"origin regions (list, by name)"`
	Cities       []City       `yaml:"cities" doc:"destination city archetypes (list, by name)"`
}

// Time is the run's calendar.
type Time struct {
	StartYear int `yaml:"start_year" dated:"no" unit:"year" range:"1949,2200" doc:"first recorded year; reforms are dated in calendar years"`
	Years     int `yaml:"years" dated:"no" unit:"years" range:"1,200" doc:"recorded years"`
	BurnIn    int `yaml:"burn_in" dated:"no" unit:"years" range:"0,200" doc:"years run under the first year's policy before recording"`
}

// Population sets the simulated size and its real-world scale.
type Population struct {
	Households     int     `yaml:"households" dated:"no" unit:"households" range:"1,2000000000" doc:"simulated households at the start"`
	RealHouseholds float64 `yaml:"real_households" dated:"no" unit:"households" range:"1,1e10" doc:"real rural-hukou households with children 0-17 in start_year; scale = real_households / simulated households active in start_year"`
	RuralShare     float64 `yaml:"rural_hukou_share" unit:"share" range:"0.01,1" doc:"share of all children 0-17 who hold rural hukou: the model holds only them, and divides by it for the share of all children left behind"`
	ChildTrend     float64 `yaml:"child_trend_per_year" unit:"1/year" range:"-0.2,0.2" doc:"yearly relative change of the child population from start_year on (0 during burn-in); entry of new households follows it"`
	// RuralChildren is a dated input (docs/ODD.md, Dated inputs): the
	// simulated child population follows its path relative to start_year.
	RuralChildren float64 `yaml:"rural_children" dated:"positive" unit:"children" range:"0,1e9" doc:"real rural-hukou children 0-17, usually given as dated values: from start_year on the simulated children follow its path relative to start_year (times the child_trend_per_year path); 0: not given"`
}

// Prices are price and income levels relative to the yuan amounts the
// scenario gives (1: as given). Given as dated values they carry a
// scenario's amounts, set for one year, to the other years of a history
// or a projection (docs/ODD.md, Dated inputs).
type Prices struct {
	WageIndex        float64 `yaml:"wage_index" unit:"×" range:"0.01,100" doc:"multiplies every city's wage_yuan_month: the migrant wage level"`
	UrbanCostIndex   float64 `yaml:"urban_cost_index" unit:"×" range:"0.01,100" doc:"multiplies every city's yuan costs: living, child, housing, public and private school fees"`
	RuralIncomeIndex float64 `yaml:"rural_income_index" unit:"×" range:"0.01,100" doc:"multiplies every region's rural_income_yuan_year and own_schooling_yuan_year"`
}

// Preferences are the parameters of the household decision.
type Preferences struct {
	Alpha               float64 `yaml:"alpha" unit:"utility per log consumption" range:"0,100" doc:"weight of ln consumption"`
	BetaH               float64 `yaml:"beta_h" unit:"utility per SD of test score" range:"0,1000" doc:"weight of a child's expected yearly human-capital gain"`
	BetaD               float64 `yaml:"beta_d" unit:"utility per unit probability" range:"0,1000" doc:"weight of a child's yearly depression onset risk"`
	Psi                 float64 `yaml:"psi" unit:"utility per separation" range:"0,100" doc:"cost of each parent-child separation"`
	PsiCouple           float64 `yaml:"psi_couple" unit:"utility/year" range:"0,100" doc:"cost of a year with one parent away and the other at home (the couple apart)"`
	Kappa               float64 `yaml:"kappa" unit:"utility" range:"0,100" doc:"cost of changing last year's arrangement"`
	Sigma               float64 `yaml:"sigma" unit:"utility" range:"1e-6,100" doc:"scale of the Gumbel taste shocks"`
	NestLambda          float64 `yaml:"nest_lambda" unit:"-" range:"1e-3,1" doc:"nest parameter of the nested logit (1 = multinomial logit)"`
	DestWageWeight      float64 `yaml:"destination_wage_weight" unit:"-" range:"0,20" doc:"exponent on expected net wage when a household picks a destination: P(d) ∝ share_d·net_wage_d^w"`
	DestSwitch          float64 `yaml:"destination_switch" unit:"probability/year" range:"0,1" doc:"yearly probability that a migrant household redraws its destination"`
	SubsistenceYuanYear float64 `yaml:"subsistence_yuan_year" unit:"yuan/year" range:"1,1e6" doc:"floor of household consumption in the utility"`
	// Looking ahead (docs/ODD.md II.ii): the value of where a child's path
	// leads, from next year to college entry.
	CollegeValue float64 `yaml:"college_value_sd" unit:"SD of test score" range:"0,100" doc:"what college entry is worth to parents, in SD of test score of equal labour-market value (× β_h)"`
	Discount     float64 `yaml:"discount" unit:"per year" range:"0,1" doc:"parents' yearly discount factor on a child's future years"`
}

// Wages is the migrant wage equation, centred on a reference worker.
//
//	ln W = ln(12·wage_yuan_month_d) + b_s·(s − ref_s) + b_a·(age − ref_age)
//	       + b_a2·(age − ref_age)² + b_f·female + η + ε
type Wages struct {
	ReturnSchooling   float64 `yaml:"return_schooling" unit:"log wage/year of schooling" range:"-1,1" doc:"β_s"`
	Age               float64 `yaml:"age" unit:"log wage/year" range:"-1,1" doc:"β_a, on age minus ref_age"`
	AgeSq             float64 `yaml:"age_sq" unit:"log wage/year²" range:"-0.1,0.1" doc:"β_a2, on (age − ref_age)²"`
	Female            float64 `yaml:"female" unit:"log wage" range:"-3,3" doc:"β_f, wage gap of women"`
	RefAgeYears       float64 `yaml:"ref_age_years" unit:"years" range:"15,70" doc:"age of the reference worker whose wage is the city's wage_yuan_month"`
	RefSchoolingYears float64 `yaml:"ref_schooling_years" unit:"years" range:"0,25" doc:"schooling of the reference worker"`
	AbilitySD         float64 `yaml:"ability_sd" unit:"log wage" range:"0,3" doc:"SD of the persistent wage ability η"`
	ShockSD           float64 `yaml:"shock_sd" unit:"log wage" range:"0,3" doc:"SD of the yearly wage shock ε"`
}

// Remittances is ρ(a) = ρ0 + ρ1·mean(ω_k over children left behind).
type Remittances struct {
	Rho0     float64 `yaml:"rho0" unit:"share" range:"0,1" doc:"share of net migrant earnings remitted with no child left behind"`
	Rho1     float64 `yaml:"rho1" unit:"share" range:"0,1" doc:"extra share per unit mean ω of the children left behind"`
	EduShare float64 `yaml:"edu_share" unit:"share" range:"0,1" doc:"share of the remittance spent on left-behind children's schooling, split ∝ ω"`
}

// HumanCapital is the test-score equation of docs/ODD.md III.iv (Human capital and school).
type HumanCapital struct {
	GainByStage []float64 `yaml:"gain_by_stage" unit:"SD/year" range:"-1,1" doc:"g(age): preschool (0-5), primary (6-11), middle (12-14), high (15-17)"`
	QualityRef  float64   `yaml:"quality_ref" unit:"SD/year" range:"-10,10" doc:"q̄, school quality that adds nothing"`
	Gamma       float64   `yaml:"gamma" unit:"SD per log spending" range:"0,10" doc:"γ, effect of ln(1 + spending / mean spending)"`
	PiOne       float64   `yaml:"pi_one" unit:"SD/year" range:"0,10" doc:"π_1, yearly loss with one parent absent"`
	PiBoth      float64   `yaml:"pi_both" unit:"SD/year" range:"0,10" doc:"π_2, yearly loss with both parents absent"`
	DeltaMove   float64   `yaml:"delta_move" unit:"SD" range:"0,10" doc:"δ_move, loss in a year with a school switch"`
	DeltaDep    float64   `yaml:"delta_dep" unit:"SD/year" range:"0,10" doc:"δ_dep, yearly loss while depressed"`
	SigmaH      float64   `yaml:"sigma_h" unit:"SD/year" range:"0,10" doc:"σ_h, SD of the yearly idiosyncratic shock ν"`
	// School inputs and interventions, each a yearly effect in SD of test
	// score on a pupil of a rural school (docs/ODD.md III.iv, Human capital).
	TurnoverEffect    float64 `yaml:"turnover_effect" unit:"SD/year per unit turnover" range:"0,10" doc:"yearly score loss of a rural pupil per unit of teacher turnover (× teacher_turnover)"`
	ICTEffect         float64 `yaml:"ict_effect" unit:"SD/year" range:"0,10" doc:"yearly effect of school infrastructure in full use by trained teachers (× infrastructure × teacher_training)"`
	TrainingEffect    float64 `yaml:"training_effect" unit:"SD/year" range:"0,10" doc:"yearly effect of teacher training itself (× teacher_training)"`
	CALEffect         float64 `yaml:"cal_effect" unit:"SD/year" range:"0,10" doc:"yearly effect of a structured computer-assisted-learning programme on a pupil in it (× cal_coverage)"`
	SchoolPersistence float64 `yaml:"school_persistence" unit:"share/year" range:"0,1" doc:"share of a pupil's school-effect stock kept from one year to the next (1 − fade-out)"`
	InitialSD         float64 `yaml:"initial_sd" unit:"SD" range:"0,10" doc:"SD of h at birth"`
}

// MentalHealth is the two-state depression chain of docs/ODD.md III.iv (Mental health).
type MentalHealth struct {
	StartAgeYears     int       `yaml:"start_age_years" unit:"years" range:"0,17" doc:"age from which the chain runs (and the decision counts depression)"`
	Onset             float64   `yaml:"onset" unit:"probability/year" range:"0,1" doc:"p_on, yearly onset with both parents present"`
	RelativeRisk      []float64 `yaml:"relative_risk" unit:"-" range:"0,100" doc:"RR of onset by absence type: none, one parent, both parents"`
	Recovery          float64   `yaml:"recovery" unit:"probability/year" range:"0,1" doc:"p_rec, yearly recovery"`
	CounsellingSMD    float64   `yaml:"counselling_smd" unit:"SD" range:"0,5" doc:"standardised mean difference in depressive symptoms, covered against not, that school-based trials find; converted to a relative risk of onset"`
	CounsellingKeep   float64   `yaml:"counselling_persistence" unit:"share/year" range:"0,1" doc:"share of the counselling effect kept a year after coverage ends"`
	IdeationDepressed float64   `yaml:"ideation_depressed" unit:"probability/year" range:"0,1" doc:"p_id_dep, ideation in a year while depressed"`
	Ideation          float64   `yaml:"ideation" unit:"probability/year" range:"0,1" doc:"p_id, ideation in a year while not depressed"`
}

// Transitions are the zhongkao at the end of age 14 and the gaokao at the end
// of age 17, and dropout at 12-15 (docs/ODD.md III.iv).
type Transitions struct {
	HighSchoolA0   float64 `yaml:"highschool_a0" unit:"logit" range:"-100,100" doc:"a0, intercept of academic high-school entry"`
	HighSchoolA1   float64 `yaml:"highschool_a1" unit:"logit/SD" range:"-100,100" doc:"a1, effect of h"`
	HighSchoolA2   float64 `yaml:"highschool_a2" unit:"logit per log(thousand yuan/person)" range:"-100,100" doc:"a2, effect of ln income per head"`
	HighSchoolA3   float64 `yaml:"highschool_a3" unit:"logit" range:"-100,100" doc:"a3, penalty for a girl, times θ"`
	GaokaoCutoff   float64 `yaml:"gaokao_cutoff" unit:"SD" range:"-100,100" doc:"college if h + bonus/points_per_sd + ν_g ≥ cutoff"`
	GaokaoNoiseSD  float64 `yaml:"gaokao_noise_sd" unit:"SD" range:"0,100" doc:"SD of ν_g, luck on the day"`
	GaokaoPointsSD float64 `yaml:"gaokao_points_per_sd" unit:"points/SD" range:"1,1000" doc:"gaokao points per SD of h"`
	// Dropout: a yearly hazard for an enrolled pupil aged 12 to 15,
	// logistic(d0 + ds·h + di·ln income per head + dw·[15]·ln(wage / 4,500)).
	DropoutA0     float64 `yaml:"dropout_a0" unit:"logit" range:"-100,100" doc:"d0, intercept of the yearly dropout hazard of an enrolled pupil aged 12-15"`
	DropoutScore  float64 `yaml:"dropout_score" unit:"logit/SD" range:"-100,100" doc:"ds, effect of h"`
	DropoutIncome float64 `yaml:"dropout_income" unit:"logit per log(thousand yuan/person)" range:"-100,100" doc:"di, effect of ln income per head (as the zhongkao's)"`
	DropoutWage   float64 `yaml:"dropout_wage" unit:"logit per log(yuan/month)" range:"-100,100" doc:"dw, effect at 15 of ln(w / 4,500 yuan), w the monthly wage the child could earn (the reference migrant wage of the city in view)"`
}

// Demography is births, caregivers and the entry of new households.
type Demography struct {
	FamilySize            []float64 `yaml:"family_size" unit:"share" range:"0,1" doc:"intended number of children 1, 2, 3, 4 (shares summing to 1)"`
	SonlessExtra          float64   `yaml:"sonless_extra_birth" unit:"probability" range:"0,1" doc:"chance that a couple with only daughters, on reaching its intended number, has one more child"`
	BirthHazard           []float64 `yaml:"birth_hazard" unit:"probability/year" range:"0,1" doc:"yearly chance of a birth while below the intended number, by mother's age 15-19, 20-24, ..., 40-44"`
	SRBByOrder            []float64 `yaml:"srb_by_order" unit:"boys per girl" range:"0.5,2" doc:"sex ratio at birth by birth order 1, 2, ...; the last value holds for higher orders"`
	BirthSpacingYears     float64   `yaml:"birth_spacing_years" unit:"years" range:"1,10" doc:"mean gap between births in the initial population"`
	EntryAgeMin           float64   `yaml:"entry_mother_age_min" unit:"years" range:"15,45" doc:"youngest mother age of an entering household (its first birth)"`
	EntryAgeMax           float64   `yaml:"entry_mother_age_max" unit:"years" range:"15,45" doc:"oldest mother age of an entering household"`
	FatherAgeGapYears     float64   `yaml:"father_age_gap_years" unit:"years" range:"-20,20" doc:"father's age minus mother's"`
	SchoolingMeanYears    float64   `yaml:"parent_schooling_mean_years" unit:"years" range:"0,20" doc:"mean schooling of parents"`
	SchoolingSDYears      float64   `yaml:"parent_schooling_sd_years" unit:"years" range:"0,10" doc:"SD of parents' schooling (clipped to 0-16)"`
	CaregiverOffsetYears  float64   `yaml:"caregiver_age_offset_years" unit:"years" range:"0,60" doc:"caregiver's age minus mother's"`
	CaregiverLoss         float64   `yaml:"caregiver_loss" unit:"probability/year" range:"0,1" doc:"loss of care capacity at the reference age"`
	CaregiverLossAgeYears float64   `yaml:"caregiver_loss_ref_age_years" unit:"years" range:"0,120" doc:"reference age of the loss hazard"`
	CaregiverSlope        float64   `yaml:"caregiver_loss_slope" unit:"1/year of age" range:"0,1" doc:"loss = caregiver_loss·exp(slope·(age − ref_age)), capped at 1"`
	CaregiverGain         float64   `yaml:"caregiver_gain" unit:"probability/year" range:"0,1" doc:"a household without a caregiver finds one (another relative)"`
	CaregiverNewAgeYears  float64   `yaml:"caregiver_new_age_years" unit:"years" range:"20,100" doc:"age of a newly found caregiver"`
	MaxMotherAgeYears     float64   `yaml:"max_mother_age_years" unit:"years" range:"15,60" doc:"no births after this age"`
}

// Policy holds national levers. City- and region-level levers (admission,
// exam rules, hukou conversion, teachers, counselling) live in the city and
// region lists.
type Policy struct {
	GuardianshipEnforcement float64 `yaml:"guardianship_enforcement" unit:"probability" range:"0,1" doc:"chance in a year that a household with no caregiver may not leave a child under 16 alone"`
	GuardianshipAgeYears    int     `yaml:"guardianship_age_years" unit:"years" range:"0,18" doc:"children under this age may not be left alone"`
	GaokaoBonusPoints       float64 `yaml:"gaokao_bonus_points" unit:"points" range:"0,750" doc:"bonus for rural-hukou gaokao candidates"`
	BonusMinYearsLB         int     `yaml:"bonus_min_years_left_behind" unit:"years" range:"0,18" doc:"0: every rural-hukou candidate; N: only those left behind N years or more"`
	GirlsCCTYuanYear        float64 `yaml:"girls_cct_yuan_year" unit:"yuan/year" range:"0,1e6" doc:"conditional cash transfer per rural-hukou girl enrolled in school from girls_cct_min_age"`
	GirlsCCTMinAgeYears     int     `yaml:"girls_cct_min_age_years" unit:"years" range:"0,17" doc:"youngest age paid the transfer"`
	SonPreferenceScale      float64 `yaml:"son_preference_scale" unit:"-" range:"0,1" doc:"multiplies every household's θ (a cultural shift lowers it)"`
}

// Observation holds definitions that only the metrics use.
type Observation struct {
	RestrictiveAdmission float64 `yaml:"restrictive_middle_admission" unit:"probability" range:"0,1" doc:"a city is restrictive when its policy middle-school admission is below this"`
	MarkReforms          bool    `yaml:"mark_reforms" doc:"the figures over years mark the years of the scenario's reforms (--mark-reforms)"`
}

// Region is an origin region (a group of provinces).
type Region struct {
	Name                 string             `yaml:"name" doc:"unique name"`
	Weight               float64            `yaml:"weight" unit:"share" range:"0,1" doc:"share of households (weights sum to 1)"`
	RuralIncomeYuanYear  float64            `yaml:"rural_income_yuan_year" unit:"yuan/year" range:"0,1e7" doc:"income of each adult at home"`
	OwnSchoolingYuanYear float64            `yaml:"own_schooling_yuan_year" unit:"yuan/year" range:"0,1e7" doc:"households' own schooling spending per child in school"`
	TeacherQuality       Stages             `yaml:"teacher_quality" unit:"SD/year" range:"-10,10" doc:"rural teacher quality by stage"`
	TeacherTurnover      float64            `yaml:"teacher_turnover" unit:"share/year" range:"0,1" doc:"yearly share of rural teachers who leave"`
	Infrastructure       float64            `yaml:"infrastructure" unit:"index 0-1" range:"0,1" doc:"computers, projectors, buildings"`
	TeacherTraining      float64            `yaml:"teacher_training" unit:"index 0-1" range:"0,1" doc:"teachers trained to use the infrastructure"`
	GrandparentShare     float64            `yaml:"grandparent_share" unit:"share" range:"0,1" doc:"households with an able caregiver at entry"`
	SonPreference        Beta               `yaml:"son_preference" doc:"θ ~ Beta(a, b)"`
	FirstMoveCostYuan    float64            `yaml:"first_move_cost_yuan" unit:"yuan" range:"0,1e7" doc:"cost of the first year away"`
	NetworkEffect        float64            `yaml:"network_effect" unit:"-" range:"0,1" doc:"first-move cost × (1 − network_effect·regional share of households with a migrant)"`
	CounsellingCoverage  float64            `yaml:"counselling_coverage" unit:"share" range:"0,1" doc:"share of rural pupils covered by school counselling"`
	CALCoverage          float64            `yaml:"cal_coverage" unit:"share" range:"0,1" doc:"share of rural pupils in a structured computer-assisted-learning programme"`
	Destinations         map[string]float64 `yaml:"destinations" unit:"share" range:"0,1" doc:"destination shares by city name (the migration network; sum to 1)"`
	SameProvince         map[string]float64 `yaml:"same_province" unit:"share" range:"0,1" doc:"share of the region's migrants to each city (by name) who stay in their own province: they sit their province's gaokao wherever they went to high school"`
}

// City is a destination city archetype.
type City struct {
	Name                    string    `yaml:"name" doc:"unique name"`
	Tier                    int       `yaml:"tier" unit:"1-5" range:"1,5" doc:"1 megacity (points system) ... 5 county town"`
	WageYuanMonth           float64   `yaml:"wage_yuan_month" unit:"yuan/month" range:"0,1e6" doc:"wage of the reference migrant worker"`
	LivingCostYuanYear      float64   `yaml:"living_cost_yuan_year" unit:"yuan/year" range:"0,1e7" doc:"living cost per migrant adult"`
	ChildCostYuanYear       float64   `yaml:"child_cost_yuan_year" unit:"yuan/year" range:"0,1e7" doc:"extra living cost of each accompanying child besides housing and school (food, care, transport)"`
	HousingPerChildYuanYear []float64 `yaml:"housing_per_child_yuan_year" unit:"yuan/year" range:"0,1e7" doc:"extra housing for the 1st, 2nd, ... child along; the last value holds beyond"`
	PublicQuality           float64   `yaml:"public_quality" unit:"SD/year" range:"-10,10" doc:"q of city public schools"`
	School                  Schools   `yaml:"school" doc:"access and fees by stage for non-hukou children"`
	Exams                   Exams     `yaml:"exams" doc:"who may sit the zhongkao and the gaokao here without local hukou (docs/ODD.md III.iv, Exam rules)"`
	HukouConversion         float64   `yaml:"hukou_conversion" unit:"probability/year" range:"0,1" doc:"a migrant family whose parent has hukou_conversion_years in the city converts to local hukou"`
	HukouConversionYears    int       `yaml:"hukou_conversion_years" unit:"years" range:"0,60" doc:"consecutive years a parent must have worked in the city before the family may convert (the job and insurance years of the State Council's hukou rules; 0: no such condition)"`
	WageElasticity          float64   `yaml:"wage_elasticity" unit:"-" range:"0,10" doc:"wage index = (migrant stock / base stock)^(−elasticity)"`
}

// Exams holds a city's rules for its two exams.
type Exams struct {
	Zhongkao ExamRule `yaml:"zhongkao" doc:"the exam at the end of middle school that opens the city's academic high schools"`
	Gaokao   ExamRule `yaml:"gaokao" doc:"the college entrance exam at the end of high school"`
}

// ExamRule is who may sit one exam in a city without its hukou
// (docs/ODD.md III.iv, Exam rules). Points are written as the years of
// local social insurance a rural migrant family needs to reach the line.
type ExamRule struct {
	Rule        string `yaml:"rule" enum:"hukou,years,points,open" doc:"hukou: local hukou only; years: school_years of local 学籍 and parent_years of a parent's local insurance or residence; points: the same thresholds, parent_years being the years a family needs to reach the points line; open: every pupil"`
	SchoolYears int    `yaml:"school_years" unit:"years" range:"0,12" doc:"consecutive years of school registration (学籍) in the city the pupil needs by the exam (years, points)"`
	ParentYears int    `yaml:"parent_years" unit:"years" range:"0,60" doc:"consecutive years a parent has lived, insured, in the city by the exam (years, points)"`
}

// Schools is a city's school access by stage.
type Schools struct {
	Primary StageAccess `yaml:"primary" doc:"ages 6-11"`
	Middle  StageAccess `yaml:"middle" doc:"ages 12-14"`
	High    StageAccess `yaml:"high" doc:"ages 15-17"`
}

// StageAccess is what a non-hukou child meets at one school stage of a city.
type StageAccess struct {
	Admission          float64 `yaml:"admission" unit:"probability" range:"0,1" doc:"policy admission of a non-hukou child to a public school"`
	SeatsMultiple      float64 `yaml:"seats_multiple" unit:"× base-year demand" range:"0,1000" doc:"public seats for non-hukou children, as a multiple of the base year's demand"`
	PublicFeeYuanYear  float64 `yaml:"public_fee_yuan_year" unit:"yuan/year" range:"0,1e7" doc:"fees of a public school"`
	PrivateFeeYuanYear float64 `yaml:"private_fee_yuan_year" unit:"yuan/year" range:"0,1e7" doc:"fees of the private (migrant) school that takes those not admitted"`
	PrivateQuality     float64 `yaml:"private_quality" unit:"SD/year" range:"-10,10" doc:"q of the private school"`
}

// Stages holds one value per school stage.
type Stages struct {
	Primary float64 `yaml:"primary" unit:"SD/year" range:"-10,10" doc:"village primary school"`
	Middle  float64 `yaml:"middle" unit:"SD/year" range:"-10,10" doc:"township middle school"`
	High    float64 `yaml:"high" unit:"SD/year" range:"-10,10" doc:"county high school"`
}

// Beta is a Beta(a, b) distribution.
type Beta struct {
	A float64 `yaml:"a" unit:"-" range:"1e-3,1000" doc:"first shape"`
	B float64 `yaml:"b" unit:"-" range:"1e-3,1000" doc:"second shape"`
}

// Get returns the value for stage s (0 primary, 1 middle, 2 high).
func (s Stages) Get(stage int) float64 {
	switch stage {
	case 0:
		return s.Primary
	case 1:
		return s.Middle
	default:
		return s.High
	}
}

// Get returns the access at stage s (0 primary, 1 middle, 2 high).
func (s *Schools) Get(stage int) *StageAccess {
	switch stage {
	case 0:
		return &s.Primary
	case 1:
		return &s.Middle
	default:
		return &s.High
	}
}
