package sim

// testParams is a small two-region, three-city world for unit tests. Its
// values are the design's starting values (see DefaultParams).
func testParams() *Params {
	p := DefaultParams()
	p.Time = Time{StartYear: 2020, Years: 5, BurnIn: 5}
	p.Population.Households = 2000
	west := DefaultRegion()
	west.Name, west.Weight = "west", 0.6
	west.Destinations = map[string]float64{"mega": 0.3, "capital": 0.4, "county": 0.3}
	east := DefaultRegion()
	east.Name, east.Weight = "east", 0.4
	east.GrandparentShare = 0.6
	east.Destinations = map[string]float64{"mega": 0.5, "capital": 0.3, "county": 0.2}
	p.Regions = []Region{west, east}
	mega := DefaultCity()
	mega.Name, mega.Tier, mega.WageYuanMonth, mega.LivingCostYuanYear = "mega", 1, 5600, 25000
	mega.School.Primary.Admission, mega.School.Middle.Admission, mega.School.High.Admission = 0.35, 0.20, 0.05
	mega.School.Middle.PrivateFeeYuanYear, mega.School.High.PrivateFeeYuanYear = 46000, 46000
	mega.HukouConversion = 0.001
	mega.Exams = Exams{Zhongkao: ExamRule{Rule: "hukou"}, Gaokao: ExamRule{Rule: "hukou"}}
	capital := DefaultCity()
	capital.Name, capital.Tier = "capital", 3
	county := DefaultCity()
	county.Name, county.Tier, county.WageYuanMonth, county.LivingCostYuanYear = "county", 5, 3600, 9000
	county.School.Primary.Admission, county.School.Middle.Admission, county.School.High.Admission = 0.95, 0.9, 0.7
	county.Exams = Exams{Zhongkao: ExamRule{Rule: "open"}, Gaokao: ExamRule{Rule: "open"}}
	p.Cities = []City{mega, capital, county}
	return &p
}
