package output

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/hukousim/hukousim/docs"
	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/scenarios"
)

// Explain prints to w a parameter's or a metric's entry from docs/ODD.md's
// Parameters and Observation tables (embedded in the binary, docs.Tables):
// one source for the document and the command. An unknown name is an
// error with the closest known one.
//
// In l the meaning, the unit and the definition are translated; the
// source, a citation, stays as the document writes it.
func Explain(w io.Writer, name string, l i18n.Lang) error {
	params, metrics := docs.Tables()
	if row, ok := params[genericPath(name)]; ok && len(row) == 7 {
		fmt.Fprint(w, l.T("explain.param", genericPath(name), meaning(l, row[5]), l.Unit(row[3]), row[4], row[1], row[2], row[6]))
		if _, err := strconv.ParseFloat(row[1], 64); err == nil {
			fmt.Fprint(w, l.T("explain.dated"))
		}
		return nil
	}
	if row, ok := metrics[name]; ok && len(row) == 3 {
		groups := row[1]
		if groups == "" {
			groups = l.T("explain.no_groups")
		}
		fmt.Fprint(w, l.T("explain.metric", name, groups, l.MetricDef(name, row[2])))
		return nil
	}
	var all []string
	for k := range params {
		all = append(all, k)
	}
	for k := range metrics {
		all = append(all, k)
	}
	hint := ""
	if c := scenarios.Closest(genericPath(name), all); c != "" {
		hint = fmt.Sprintf("; did you mean %q?", c)
	}
	return fmt.Errorf("no parameter or metric named %q in docs/ODD.md%s", name, hint)
}

// meaning is a Parameters table meaning in l: the field's doc, with its
// block's doc or its ages in brackets (docs/ODD.md writes "fees of a
// public school (ages 6-11)"), each part translated.
func meaning(l i18n.Lang, en string) string {
	if l != i18n.ZH || i18n.HasText(en) {
		return l.Text(en)
	}
	i := strings.LastIndex(en, " (")
	if i < 0 || !strings.HasSuffix(en, ")") {
		return en
	}
	main, paren := en[:i], en[i+2:len(en)-1]
	if m := agesRange.FindStringSubmatch(paren); m != nil {
		return l.Text(main) + "（" + m[1] + "–" + m[2] + " 岁）"
	}
	return l.Text(main) + "（" + l.Text(paren) + "）"
}

var agesRange = regexp.MustCompile(`^ages (\d+)-(\d+)$`)

// listItem matches a named element of the cities or regions list in a
// scenario path.
var listItem = regexp.MustCompile(`^(cities|regions)\.[^.\[]+\.`)

// genericPath writes a list element's name as [] (cities.megacity.x →
// cities[].x), the form of the Parameters table.
func genericPath(p string) string {
	return listItem.ReplaceAllString(p, "$1[].")
}
