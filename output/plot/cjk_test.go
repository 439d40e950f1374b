package plot

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/image/font/sfnt"

	"github.com/hukousim/hukousim/output/i18n"
)

var updateCJK = flag.Bool("update-cjk", false, "remake fonts/NotoSansSC-hukousim.otf from Debian's fonts-noto-cjk")

// cjkSource is Debian's Noto Sans CJK (fonts-noto-cjk); its face 2 is SC.
const cjkSource = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

// cjkExtra are characters the subset holds besides the messages': ASCII
// and the punctuation, digits and symbols numbers and units need.
const cjkExtra = "，。：；、（）【】《》“”‘’！？…—–·×÷％＋－−≥≤°"

// TestCJKFont: the embedded Chinese font parses and has a glyph for every
// character of every Chinese message. With -update-cjk it is made again.
func TestCJKFont(t *testing.T) {
	path := filepath.Join("fonts", "NotoSansSC-hukousim.otf")
	if *updateCJK {
		chars := string(i18n.Runes()) + cjkExtra
		list := filepath.Join(t.TempDir(), "chars.txt")
		os.WriteFile(list, []byte(chars), 0o644)
		cmd := exec.Command("/usr/bin/python3", "-m", "fontTools.subset", cjkSource, "--font-number=2", // Debian's python3, with its fonttools
			"--text-file="+list, "--unicodes=U+0020-007E", "--output-file="+path,
			"--layout-features=", "--no-hinting", "--name-IDs=*", "--name-languages=*")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pyftsubset (Debian's python3-fonttools and fonts-noto-cjk): %v\n%s", err, out)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := sfnt.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, r := range append(i18n.Runes(), []rune(cjkExtra+"0123456789%")...) {
		if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
			t.Errorf("the embedded font has no %q (U+%04X): run go test ./output/plot -run CJKFont -update-cjk", r, r)
		}
	}
	cjkFont() // registers it, or panics
}

// TestChineseFigure: a figure in Chinese renders with its Chinese title.
func TestChineseFigure(t *testing.T) {
	f := &Figure{Name: "zh", Kind: KindLine, Lang: "zh", Title: i18n.ZH.T("chart.lbc"), XLabel: "年份", YLabel: "百万",
		Series: []Series{{Label: "留守儿童", Key: "lbc", Points: []Point{{X: 2020, Mean: 1, Low: 0.5, High: 1.5}, {X: 2021, Mean: 2, Low: 1.5, High: 2.5}}}}}
	if img := renderPNG(t, f); img.Bounds().Dx() < 100 {
		t.Errorf("bounds %v", img.Bounds())
	}
}
