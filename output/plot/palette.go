package plot

import (
	"image/color"
	"strconv"
	"strings"
)

// The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"): eight
// colours that stay distinct for the common forms of colour blindness.
var (
	okabeBlack     = color.RGBA{0x00, 0x00, 0x00, 0xff}
	okabeOrange    = color.RGBA{0xE6, 0x9F, 0x00, 0xff}
	okabeSkyBlue   = color.RGBA{0x56, 0xB4, 0xE9, 0xff}
	okabeGreen     = color.RGBA{0x00, 0x9E, 0x73, 0xff}
	okabeYellow    = color.RGBA{0xF0, 0xE4, 0x42, 0xff}
	okabeBlue      = color.RGBA{0x00, 0x72, 0xB2, 0xff}
	okabeVermilion = color.RGBA{0xD5, 0x5E, 0x00, 0xff}
	okabePurple    = color.RGBA{0xCC, 0x79, 0xA7, 0xff}
	// Grey is not one of the eight; it stands for "no one away", the
	// neutral comparison, and for a key no figure should use.
	neutralGrey = color.RGBA{0x99, 0x99, 0x99, 0xff}
)

// scenarioColors are the scenarios of a comparison in order: the reference
// is always black; vermilion and blue, which mean girls and boys elsewhere,
// come last.
var scenarioColors = [...]color.RGBA{
	okabeBlack, okabeOrange, okabeSkyBlue, okabeGreen, okabePurple, okabeVermilion, okabeBlue, okabeYellow,
}

// ColorFor is the colour of a series key: "girl", "boy", "lbc",
// "absence:none|father|mother|one|both|alone", "left:none|mixed" or
// "scenario:i" (i from 0, the reference). Scenarios past the eighth reuse
// the palette from the second colour on; an unknown key is grey.
func ColorFor(key string) color.Color {
	c, _ := ColorOf(key)
	return c
}

// ColorOf is ColorFor that also says whether the key is known. Every key
// has its one colour, the same in every figure, so that a reader who learnt
// "girls are vermilion" on one page can trust it on the next. Keys that
// share a colour never meet in one figure (mother away; daughters and sons
// left behind).
func ColorOf(key string) (color.RGBA, bool) {
	switch key {
	case "girl":
		return okabeVermilion, true
	case "boy":
		return okabeBlue, true
	case "lbc": // all left-behind children, whatever the absence
		return okabeBlack, true
	// Who is away, for a child: "none" is both parents at home, "one"
	// either parent away.
	case "absence:none":
		return neutralGrey, true
	case "absence:father":
		return okabeSkyBlue, true
	case "absence:mother":
		return okabePurple, true
	case "absence:one":
		return okabeYellow, true
	case "absence:both":
		return okabeOrange, true
	case "absence:alone":
		return okabeGreen, true
	// Whom a household left behind, for remittances; only daughters and
	// only sons are drawn as "girl" and "boy".
	case "left:none":
		return neutralGrey, true
	case "left:mixed":
		return okabePurple, true
	// A sweep's Sobol indices: first-order and total.
	case "index:first":
		return okabeOrange, true
	case "index:total":
		return okabeGreen, true
	}
	if s, ok := strings.CutPrefix(key, "scenario:"); ok {
		if i, err := strconv.Atoi(s); err == nil && i >= 0 {
			if i < len(scenarioColors) {
				return scenarioColors[i], true
			}
			return scenarioColors[1+(i-1)%(len(scenarioColors)-1)], true
		}
	}
	return neutralGrey, false
}

// scenarioKey is the series key of the i-th scenario of a comparison.
func ScenarioKey(i int) string { return "scenario:" + strconv.Itoa(i) }

// ScenarioColors is the number of scenario colours; a comparison of more
// scenarios reuses them from the second on.
const ScenarioColors = len(scenarioColors)
