// Package plot draws a figure with gonum/plot: a Figure is the data of one
// line, bar or dot chart, with its title, labels and caption, and Render
// draws it as PNG or SVG in the project's style (Okabe–Ito colours with
// one meaning per key, 95% bands, the reference of a comparison dashed
// and on top). It knows nothing of the model; output builds the figures
// (docs/ODD.md III.i).
package plot
