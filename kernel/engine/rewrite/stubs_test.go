package rewrite

import "testing"

func TestStubsTypeCheck(t *testing.T) {
	imp := newStubImporter()
	for path := range stubs {
		if _, err := imp.Import(path); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}
