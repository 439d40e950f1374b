package output

import "fmt"

// Formats turns --format into the file formats to write.
func Formats(f string) ([]string, error) {
	switch f {
	case "png":
		return []string{"png"}, nil
	case "svg":
		return []string{"svg"}, nil
	case "both":
		return []string{"png", "svg"}, nil
	}
	return nil, fmt.Errorf("--format must be png, svg or both, got %q", f)
}
