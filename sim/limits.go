package sim

// Limits of the compact data layout: a household holds at most MaxKids
// children in fixed slots, and region and city indexes fit in a byte.
const (
	MaxKids    = 4
	MaxCities  = 32
	MaxRegions = 32
)

// Epoch is the parameter set in force from Year on.
type Epoch struct {
	Year   int
	Params *Params
}
