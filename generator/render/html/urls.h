// Links between outputs: every output has a path in the web root; links are written relative to
// the page, so a site works from the file system and from any sub-path of base_url.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace nastavnik {

// "../../" for "schools/x/index.html"
std::string root_prefix(const std::string& from_url);
// Relative link from one web-root path to another: ("a/b.html", "c/d.html") → "../c/d.html".
std::string relative_url(const std::string& from_url, const std::string& to_url);
// A tel: URI from a phone number as people write it: «8 (34643) 0-01-11» → "tel:+73464300111"
// (RFC 3966: no spaces; a Russian trunk prefix 8 of an 11-digit number becomes +7). Empty when the
// text has fewer than 5 digits (not a phone number: no link).
std::string tel_uri(const std::string& phone);

// sitemap.xml of the pages `urls` (web-root paths, sorted; "index.html" is the site's address):
// {path, content} of each file. The protocol (sitemaps.org) allows 50,000 addresses in a file: a
// larger site (a region of thousands of schools) gets sitemap-1.xml, … of `per_file` each, and
// sitemap.xml is their index.
std::vector<std::pair<std::string, std::string>> sitemap_files(const std::string& base_url, const std::string& lastmod,
                                                               const std::vector<std::string>& urls,
                                                               size_t per_file = 50000);

}  // namespace nastavnik
