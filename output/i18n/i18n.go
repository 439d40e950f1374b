// Package i18n is hukousim's one message catalogue: every text a user
// reads in a language other than English is here, beside its English,
// under one key; pages, figures and the terminal ask for a key in a
// language (docs/ODD.md III.i). Chinese uses the terms of the Chinese
// literature on the subject: 留守儿童 (left-behind children), 流动儿童
// (migrant children), 户籍 (hukou), 中考 and 高考.
package i18n

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Lang is a language: "en" (the default) or "zh" (Simplified Chinese).
type Lang string

// The languages.
const (
	EN Lang = "en"
	ZH Lang = "zh"
)

// Parse reads a --lang value: en or zh, in any case, with a region or
// an encoding as $LANG writes them (zh_CN.UTF-8, zh-Hans, en_GB); "" is
// English. Traditional Chinese is refused by name: only Simplified is
// written.
func Parse(s string) (Lang, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	v, _, _ = strings.Cut(v, ".") // an encoding
	v = strings.ReplaceAll(v, "_", "-")
	base, region, _ := strings.Cut(v, "-")
	switch {
	case v == "" || base == "en":
		return EN, nil
	case base == "zh" && (region == "" || region == "cn" || region == "hans" || region == "sg" || strings.HasPrefix(region, "hans-")):
		return ZH, nil
	case base == "zh":
		return EN, fmt.Errorf("language %q: only Simplified Chinese (zh) is written, not Traditional", s)
	}
	return EN, fmt.Errorf("unknown language %q (en or zh)", s)
}

// Message is one text in every language.
type Message struct{ EN, ZH string }

// T is the text of key in l, formatted with args (fmt verbs); a key the
// catalogue lacks panics, which the tests catch.
func (l Lang) T(key string, args ...any) string {
	m, ok := catalogue[key]
	if !ok {
		panic("i18n: no message " + key)
	}
	s := m.EN
	if l == ZH {
		s = m.ZH
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has says whether the catalogue has key.
func Has(key string) bool { _, ok := catalogue[key]; return ok }

// Prefixed is every message whose key starts with prefix, in l, keyed by
// the rest of the key (a page's strings: Prefixed(ZH, "page.")).
func Prefixed(l Lang, prefix string) map[string]string {
	out := map[string]string{}
	for k := range catalogue {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			out[rest] = l.T(k)
		}
	}
	return out
}

// Keys are the catalogue's keys, sorted.
func Keys() []string {
	var ks []string
	for k := range catalogue {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// drawn are the prefixes of the keys whose messages figures draw: their
// words, interval notes and the headline labels of the effects figure.
var drawn = []string{"fig.", "note.", "head.label."}

// Runes are every rune the Chinese messages that figures draw use,
// sorted: what a figure's embedded font must hold (pages and the terminal
// use the reader's own fonts).
func Runes() []rune {
	seen := map[rune]bool{}
	for k, m := range catalogue {
		if !slices.ContainsFunc(drawn, func(p string) bool { return strings.HasPrefix(k, p) }) {
			continue
		}
		for _, r := range m.ZH {
			if r >= ' ' { // line breaks are not drawn
				seen[r] = true
			}
		}
	}
	var out []rune
	for r := range seen {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Text is en in l: the translation of a text that comes from outside the
// catalogue (a shipped scenario's title, description or reform note, a
// city or region name, a parameter's meaning), or en itself in English and
// for a text the catalogue does not know, such as one a user wrote.
func (l Lang) Text(en string) string {
	if l == ZH {
		if s, ok := texts[en]; ok {
			return s
		}
	}
	return en
}

// HasText says whether the catalogue translates en.
func HasText(en string) bool { _, ok := texts[en]; return ok }

// Texts are the English texts the catalogue translates (Lang.Text),
// sorted.
func Texts() []string { return sortedKeys(texts) }

// MetricDefs are the metrics the catalogue defines in Chinese, sorted.
func MetricDefs() []string { return sortedKeys(metricDefs) }

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// MetricDef is the definition of metric name in l: en (the Observation
// table's, docs/ODD.md) in English, the catalogue's in Chinese, or en
// when the catalogue has none.
func (l Lang) MetricDef(name, en string) string {
	if l == ZH {
		if s, ok := metricDefs[name]; ok {
			return s
		}
	}
	return en
}
