package plot

import (
	_ "embed"
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
)

// notoSansSC is a subset of Noto Sans CJK SC Regular (SIL Open Font
// License 1.1, fonts/OFL.txt) with every character the Chinese messages
// use (output/i18n), ASCII and CJK punctuation: embedded, so that figures
// in Chinese look the same on every machine, installed fonts or not. It
// is made from Debian's fonts-noto-cjk by `go test ./output/plot -run
// CJKFont -update-cjk` (which needs python3-fonttools); TestCJKFont fails
// when a message has a character the subset lacks.
//
//go:embed fonts/NotoSansSC-hukousim.otf
var notoSansSC []byte

var cjk = font.Font{Typeface: "NotoSansSC"}

var registerCJK = sync.OnceValue(func() font.Font {
	face, err := opentype.Parse(notoSansSC)
	if err != nil {
		panic("plot: the embedded CJK font does not parse: " + err.Error()) // a test loads it
	}
	bold := cjk
	bold.Weight = xfont.WeightBold // titles: the regular face, for want of a bold one
	font.DefaultCache.Add(font.Collection{{Font: cjk, Face: face}, {Font: bold, Face: face}})
	return cjk
})

// cjkFont is the embedded Chinese font, registered with gonum/plot on
// first use.
func cjkFont() font.Font { return registerCJK() }
