package labserver

import (
	"fmt"
	"html"
	"net/http"
	"sort"
	"strings"
	"time"
)

// A page of the lab site.
type page struct {
	title string
	text  string
	links []string // hrefs, relative or absolute
	delay time.Duration
}

// site is the small web site under /site/: a shop front, a blog with a
// chain of posts, a slow page, a broken link and an external link, enough
// to exercise a crawler's de-duplication, error handling and rate limit.
// The external link points at the reserved .invalid domain (RFC 6761), so
// a crawler that follows it by mistake fails at once instead of leaving
// the machine.
var site = map[string]page{
	"/site/": {
		title: "Gopher Supply Co.",
		text:  "Tools for busy gophers. Browse the catalogue, read the blog, or learn about us.",
		links: []string{"/site/products", "/site/blog/", "about", "/site/contact", "https://external.invalid/"},
	},
	"/site/about": {
		title: "About Gopher Supply Co.",
		text:  "Founded by three gophers who could never find a good shovel.",
		links: []string{"/site/", "/site/contact"},
	},
	"/site/contact": {
		title: "Contact us",
		text:  "Write to the burrow. Our pigeons answer within a day.",
		links: []string{"/site/", "/site/missing"},
	},
	"/site/products": {
		title: "Catalogue",
		text:  "Everything we sell, from shovels to lanterns.",
		links: []string{"/site/products/shovel", "/site/products/lantern", "/site/products/map", "/site/"},
	},
	"/site/products/shovel": {
		title: "Shovel",
		text:  "A sturdy shovel with a goroutine-proof handle. 12 coins.",
		links: []string{"/site/products", "/site/products/lantern"},
	},
	"/site/products/lantern": {
		title: "Lantern",
		text:  "Lights up the deepest tunnel. 8 coins.",
		links: []string{"/site/products", "/site/products/map"},
	},
	"/site/products/map": {
		title: "Tunnel map",
		text:  "Every tunnel we know of, drawn by hand. This page is slow to load. 5 coins.",
		links: []string{"/site/products", "/site/slow"},
		delay: 300 * time.Millisecond,
	},
	"/site/slow": {
		title: "A slow page",
		text:  "This page takes a second to load, like a busy server.",
		links: []string{"/site/"},
		delay: time.Second,
	},
	"/site/blog/": {
		title: "The Burrow Blog",
		text:  "News from the tunnels.",
		links: []string{"/site/blog/1", "/site/blog/2", "/site/blog/3", "/site/blog/4", "/site/"},
	},
}

func init() {
	posts := []string{
		"Digging in parallel",
		"Why we queue at the lantern shop",
		"A race at the water hole",
		"Locks, keys and tunnel doors",
	}
	for i, title := range posts {
		n := i + 1
		links := []string{"/site/blog/"}
		if n > 1 {
			links = append(links, fmt.Sprintf("/site/blog/%d", n-1))
		}
		if n < len(posts) {
			links = append(links, fmt.Sprintf("/site/blog/%d", n+1))
		}
		site[fmt.Sprintf("/site/blog/%d", n)] = page{
			title: title,
			text:  fmt.Sprintf("Post %d of the Burrow Blog.", n),
			links: links,
		}
	}
}

// SitePages returns the paths of every page of the lab site, sorted: the
// answer key for a crawler that starts at /site/.
func SitePages() []string {
	paths := make([]string, 0, len(site))
	for p := range site {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

func (s *Server) handleSite(w http.ResponseWriter, r *http.Request) {
	p, ok := site[r.URL.Path]
	if !ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>Not found</title></head><body><h1>404 Not found</h1><p><a href=\"/site/\">Home</a></p></body></html>\n")
		return
	}
	if p.delay > 0 && !s.sleep(r.Context(), p.delay) {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html>\n<head><title>%s</title></head>\n<body>\n<h1>%s</h1>\n<p>%s</p>\n<ul>\n",
		html.EscapeString(p.title), html.EscapeString(p.title), html.EscapeString(p.text))
	for _, l := range p.links {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", html.EscapeString(l), html.EscapeString(l))
	}
	b.WriteString("</ul>\n</body>\n</html>\n")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, b.String())
}

const indexDoc = `<!DOCTYPE html>
<html>
<head><title>ChanLab lab server</title></head>
<body>
<h1>ChanLab lab server</h1>
<p>A local stand-in for httpbin.org. Try <a href="/get">/get</a>, <a href="/json">/json</a>,
<a href="/html">/html</a>, <a href="/xml">/xml</a>, <a href="/uuid">/uuid</a>,
<a href="/delay/1">/delay/1</a>, <a href="/status/418">/status/418</a>,
<a href="/bytes/16">/bytes/16</a> or the <a href="/site/">lab site</a>.</p>
</body>
</html>
`

const jsonDoc = `{
  "shop": {
    "name": "Gopher Supply Co.",
    "open": true,
    "items": [
      {"name": "shovel", "price": 12, "tags": ["tools", "digging"]},
      {"name": "lantern", "price": 8, "tags": ["light"]},
      {"name": "tunnel map", "price": 5, "tags": ["paper", "navigation"]}
    ]
  }
}
`

const htmlDoc = `<!DOCTYPE html>
<html>
<head><title>The Goroutine and the Gopher</title></head>
<body>
<h1>The Goroutine and the Gopher</h1>
<p>Once upon a time a gopher had more tunnels to dig than hours in the day.
It called a goroutine for each tunnel, and a channel to hear when each was done.
By evening every tunnel was dug, and not one goroutine was left waiting.</p>
<p><a href="/site/">Visit the lab site</a></p>
</body>
</html>
`

const xmlDoc = `<?xml version="1.0" encoding="UTF-8"?>
<shop name="Gopher Supply Co.">
  <item price="12">shovel</item>
  <item price="8">lantern</item>
  <item price="5">tunnel map</item>
</shop>
`
