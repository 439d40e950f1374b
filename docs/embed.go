// Package docs holds the project's documents that the tool itself reads:
// docs/ODD.md, whose Parameters and Observation tables `hukousim explain`
// prints from, so that the command and the description of record cannot
// disagree.
package docs

import _ "embed"

// ODD is docs/ODD.md.
//
//go:embed ODD.md
var ODD string
