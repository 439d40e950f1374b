package sim

// DefaultParams returns the defaults of every field outside the region and
// city lists. They are the design's un-sourced starting values (the
// design's appendix in the source column of docs/ODD.md, Parameters),
// converted to yuan, unless that table names another source; the shipped baseline overrides what it has better
// sources for. A scenario must give its own regions and cities.
func DefaultParams() Params {
	return Params{
		Time:       Time{StartYear: 2020, Years: 20, BurnIn: 10},
		Population: Population{Households: 20000, RealHouseholds: 103.4e6, RuralShare: 0.546, ChildTrend: 0},
		Preferences: Preferences{
			Alpha: 1.0, BetaH: 8.0, BetaD: 3.0, Psi: 0.18, Kappa: 0.15, Sigma: 0.22,
			NestLambda: 1.0, DestWageWeight: 1.0, DestSwitch: 0.02, SubsistenceYuanYear: 3000,
			CollegeValue: 2.2, Discount: 0.936,
		},
		Wages: Wages{
			ReturnSchooling: 0.06, Age: 0, AgeSq: -0.0008, Female: -0.2,
			RefAgeYears: 35, RefSchoolingYears: 9, AbilitySD: 0.3, ShockSD: 0.3,
		},
		Remittances: Remittances{Rho0: 0.42, Rho1: 0.20, EduShare: 0.07},
		HumanCapital: HumanCapital{
			GainByStage: []float64{0, 0.05, 0.03, 0.02}, QualityRef: 1.0, Gamma: 0.1,
			PiOne: 0.01, PiBoth: 0.04, DeltaMove: 0.10, DeltaDep: 0.10, SigmaH: 0.2,
			InitialSD:      1.0,
			TurnoverEffect: 0.08, ICTEffect: 0, TrainingEffect: 0, CALEffect: 0.14, SchoolPersistence: 0.35,
		},
		MentalHealth: MentalHealth{
			StartAgeYears: 6, Onset: 0.118, RelativeRisk: []float64{1.0, 1.6, 2.05}, Recovery: 0.35,
			CounsellingSMD: 0.23, CounsellingKeep: 0.5, IdeationDepressed: 0.40, Ideation: 0.10,
		},
		Transitions: Transitions{
			HighSchoolA0: -1.2, HighSchoolA1: 1.0, HighSchoolA2: 0.5, HighSchoolA3: 1.0,
			GaokaoCutoff: 0.5, GaokaoNoiseSD: 0.5, GaokaoPointsSD: 100,
			DropoutA0: -2.77, DropoutScore: -0.5, DropoutIncome: -0.5, DropoutWage: 1.0,
		},
		Demography: Demography{
			FamilySize:        []float64{0.40, 0.42, 0.14, 0.04},
			BirthHazard:       []float64{0.10, 0.35, 0.35, 0.25, 0.12, 0.04},
			SRBByOrder:        []float64{1.113},
			BirthSpacingYears: 3, EntryAgeMin: 20, EntryAgeMax: 30, FatherAgeGapYears: 2,
			SchoolingMeanYears: 9.5, SchoolingSDYears: 2.5, CaregiverOffsetYears: 27,
			CaregiverLoss: 0.01, CaregiverLossAgeYears: 60, CaregiverSlope: 0.08,
			CaregiverGain: 0.05, CaregiverNewAgeYears: 55, MaxMotherAgeYears: 44,
		},
		Policy: Policy{
			GuardianshipEnforcement: 0.95, GuardianshipAgeYears: 16, GaokaoBonusPoints: 0,
			BonusMinYearsLB: 0, GirlsCCTYuanYear: 0, GirlsCCTMinAgeYears: 12, SonPreferenceScale: 1,
		},
		Prices:      Prices{WageIndex: 1, UrbanCostIndex: 1, RuralIncomeIndex: 1},
		Observation: Observation{RestrictiveAdmission: 0.5},
	}
}

// DefaultRegion is the template a region element starts from before the
// scenario's own fields are laid over it.
func DefaultRegion() Region {
	return Region{
		Weight: 0, RuralIncomeYuanYear: 20000, OwnSchoolingYuanYear: 2000,
		TeacherQuality:  Stages{Primary: 0.95, Middle: 0.86, High: 0.86},
		TeacherTurnover: 0.2, Infrastructure: 0.3, TeacherTraining: 0.4,
		GrandparentShare: 0.72, SonPreference: Beta{A: 2, B: 7},
		FirstMoveCostYuan: 8000, NetworkEffect: 0.5, CounsellingCoverage: 0.1,
	}
}

// DefaultCity is the template a city element starts from.
func DefaultCity() City {
	return City{
		Tier: 3, WageYuanMonth: 4500, LivingCostYuanYear: 13000, ChildCostYuanYear: 6000,
		HousingPerChildYuanYear: []float64{5000, 7500, 10000},
		PublicQuality:           1.15,
		School: Schools{
			Primary: StageAccess{Admission: 0.8, SeatsMultiple: 1.2, PublicFeeYuanYear: 0, PrivateFeeYuanYear: 4000, PrivateQuality: 0.97},
			Middle:  StageAccess{Admission: 0.7, SeatsMultiple: 1.2, PublicFeeYuanYear: 0, PrivateFeeYuanYear: 23000, PrivateQuality: 0.97},
			High:    StageAccess{Admission: 0.4, SeatsMultiple: 1.2, PublicFeeYuanYear: 2000, PrivateFeeYuanYear: 23000, PrivateQuality: 0.97},
		},
		// The shape the State Council asked provinces for in 2012 (国办发〔2012〕46号):
		// years of local schooling and of a parent's work and insurance.
		Exams: Exams{
			Zhongkao: ExamRule{Rule: "years", SchoolYears: 3, ParentYears: 3},
			Gaokao:   ExamRule{Rule: "years", SchoolYears: 3, ParentYears: 3},
		},
		HukouConversion: 0.01, WageElasticity: 0.1,
	}
}
