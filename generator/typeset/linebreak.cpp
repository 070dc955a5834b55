// Line breaking: words split at spaces, hyphenation points and explicit hyphens; the breaks are
// chosen by a small total-fit (Knuth–Plass-like) dynamic programme over the whole paragraph.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/utf8.h"
#include "typeset/internal.h"

namespace nastavnik::typeset::detail {

namespace {

enum Brk { kSpace, kSoft, kHard, kForced, kEnd };

// Spaces of justified lines may shrink to 75 % of their width (TeX allows 67 %).
constexpr double kShrink = 0.25;

struct Ch {
  char32_t c;
  int font;
  int link;
};

struct Word {
  std::vector<Ch> chars;
  std::vector<size_t> soft;  // positions of U+00AD
  bool forced_after = false;
};

struct Piece {
  std::vector<Run> runs;
  double width = 0;
  int brk = kSpace;
  double space = 0;   // glue after it when brk == kSpace
  double hyphen = 0;  // width of '-' when brk == kSoft
};

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\r' || c == U'\v' || c == U'\f' ||
         (c >= 0x2000 && c <= 0x200B && c != 0x2007) || c == 0x3000 || c == 0x205F;
}

std::vector<Word> tokenize(const std::vector<Span>& spans, bool base_bold, bool base_italic,
                           std::vector<std::string>* links) {
  std::vector<Word> words;
  Word cur;
  auto flush = [&] {
    if (!cur.chars.empty()) words.push_back(std::move(cur));
    cur = Word{};
  };
  for (const Span& s : spans) {
    int f = font_id(s.bold || base_bold, s.italic || base_italic);
    int link = -1;
    if (!s.link.empty() && links) {
      links->push_back(s.link);
      link = static_cast<int>(links->size()) - 1;
    }
    std::string_view t = s.text;
    for (size_t i = 0; i < t.size();) {
      char32_t c = utf8::next(t, i);
      if (c == U'\n') {
        flush();
        if (!words.empty()) words.back().forced_after = true;
      } else if (is_space(c)) {
        flush();
      } else if (c == 0xA0 || c == 0x202F || c == 0x2007) {
        cur.chars.push_back({U' ', f, link});
      } else if (c == 0xAD) {
        cur.soft.push_back(cur.chars.size());
      } else if (c == 0xFEFF || c < 0x20) {
        // invisible: drop
      } else {
        cur.chars.push_back({c, f, link});
      }
    }
  }
  flush();
  return words;
}

std::string to_utf8(const std::vector<Ch>& chars, size_t a, size_t b) {
  std::string s;
  for (size_t k = a; k < b; ++k) utf8::append(s, chars[k].c);
  return s;
}

}  // namespace

std::string plain_text(const std::vector<Span>& spans) {
  std::string s;
  for (const Span& sp : spans) s += sp.text;
  return s;
}

std::string format_number(double v) {
  if (std::isnan(v)) return "";
  char buf[64];
  double r = std::round(v);
  if (std::fabs(v - r) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (std::fabs(v) < 1) std::snprintf(buf, sizeof buf, "%.2f", v);
  else std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  auto dot = s.find('.');
  if (dot != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    else s[dot] = ',';
  }
  if (s == "-0") return "0";  // (assigning "0" to s trips gcc 12's -Wrestrict, a false alarm)
  return s;
}

std::string Line::text() const {
  std::string s;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) s += ' ';
    for (const Run& r : words[i].runs) s += r.text;
  }
  return s;
}

double LineBreaker::longest_word(const std::vector<Span>& spans, double size, bool bold) {
  double best = 0;
  for (const Word& w : tokenize(spans, bold, false, nullptr)) {
    double width = 0;
    size_t a = 0;
    for (size_t k = 1; k <= w.chars.size(); ++k) {
      if (k == w.chars.size() || w.chars[k].font != w.chars[a].font) {
        width += fonts_.width(w.chars[a].font, to_utf8(w.chars, a, k), size);
        a = k;
      }
    }
    best = std::max(best, width);
  }
  return best;
}

double LineBreaker::natural_width(const std::vector<Span>& spans, double size, bool bold) {
  double best = 0, cur = 0;
  auto words = tokenize(spans, bold, false, nullptr);
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    size_t a = 0;
    for (size_t k = 1; k <= w.chars.size(); ++k) {
      if (k == w.chars.size() || w.chars[k].font != w.chars[a].font) {
        cur += fonts_.width(w.chars[a].font, to_utf8(w.chars, a, k), size);
        a = k;
      }
    }
    if (w.forced_after) {
      best = std::max(best, cur);
      cur = 0;
    } else if (i + 1 < words.size()) {
      cur += fonts_.space(w.chars.back().font, size);
    }
  }
  return std::max(best, cur);
}

Lines LineBreaker::break_lines(const std::vector<Span>& spans, const BreakParams& p,
                                           std::vector<std::string>* links) {
  // Link indices in the lines count from the links the call starts with: only calls that start
  // with none are remembered.
  if (links && !links->empty()) return break_uncached(spans, p, links);
  std::string key = fonts_.key();
  auto num = [&](double v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
  num(p.size);
  num(p.first_width);
  num(p.rest_width);
  num(p.first_indent);
  num(p.rest_indent);
  key.push_back(static_cast<char>('0' + static_cast<int>(p.align)));
  key.push_back(static_cast<char>('0' + (p.hyphenate ? 1 : 0) + (p.base_bold ? 2 : 0) +
                                  (p.base_italic ? 4 : 0)));
  for (const Span& s : spans) {
    key.push_back(static_cast<char>('\1' + (s.bold ? 1 : 0) + (s.italic ? 2 : 0)));
    key += s.text;
    key.push_back('\0');
    key += s.link;
    key.push_back('\0');
  }
  if (auto it = cache_->paragraphs.find(key); it != cache_->paragraphs.end()) {
    fonts_.replay(it->second.measured);
    if (links) *links = it->second.links;
    return Lines(it->second.lines);
  }
  std::vector<std::string> added;
  std::vector<std::pair<int, char32_t>> measured;
  fonts_.record(&measured);
  auto lines = std::make_shared<const std::vector<Line>>(break_uncached(spans, p, &added));
  fonts_.record(nullptr);
  size_t bytes = key.size() * 2 + lines->size() * 64;
  for (const Line& l : *lines)
    for (const PlacedWord& w : l.words) bytes += 48 + w.runs.size() * 64;
  bytes += measured.size() * 8;
  cache_->paragraphs.emplace(std::move(key), BreakCache::Entry{lines, added, std::move(measured)});
  cache_->account(bytes);
  if (links) *links = std::move(added);
  return Lines(std::move(lines));
}

std::vector<Line> LineBreaker::break_uncached(const std::vector<Span>& spans, const BreakParams& p,
                                              std::vector<std::string>* links) {
  const double size = p.size;
  std::vector<Word> words = tokenize(spans, p.base_bold, p.base_italic, links);
  if (words.empty()) {
    Line l;
    l.last = true;
    l.indent = p.first_indent;
    return {l};
  }

  // ---- words -> pieces ----
  const double limit = std::max(1.0, std::min(p.first_width, p.rest_width));
  std::vector<Piece> pieces;
  auto make_runs = [&](const std::vector<Ch>& chars, size_t a, size_t b, Piece& piece) {
    size_t s = a;
    for (size_t k = a + 1; k <= b; ++k) {
      if (k == b || chars[k].font != chars[s].font || chars[k].link != chars[s].link) {
        Run r{chars[s].font, to_utf8(chars, s, k), chars[s].link, 0};
        r.width = fonts_.width(r.font, r.text, size);
        piece.width += r.width;
        piece.runs.push_back(std::move(r));
        s = k;
      }
    }
  };
  for (size_t wi = 0; wi < words.size(); ++wi) {
    const Word& w = words[wi];
    const size_t n = w.chars.size();
    // Break points inside the word: position -> type.
    std::vector<std::pair<size_t, int>> cuts;
    const std::string text = to_utf8(w.chars, 0, n);
    const bool url = text.find("://") != std::string::npos || text.rfind("www.", 0) == 0;
    if (p.hyphenate && hyph_ && n >= 4 && !url) {
      auto it = cache_->hyphenation.find(text);
      if (it == cache_->hyphenation.end()) {
        it = cache_->hyphenation.emplace(text, hyph_->points(text)).first;
        cache_->bytes += 2 * text.size() + 64;  // emptied, if need be, after the paragraph
      }
      for (size_t pos : it->second) cuts.push_back({pos, kSoft});
    }
    for (size_t pos : w.soft)
      if (pos > 0 && pos < n) cuts.push_back({pos, kSoft});
    for (size_t k = 2; k < n; ++k) {
      char32_t h = w.chars[k - 1].c;
      if ((h == U'-' || h == U'–') && utf8::is_letter(w.chars[k - 2].c) &&
          utf8::is_letter(w.chars[k].c))
        cuts.push_back({k, kHard});
    }
    // URLs: break after / . ? & = _ - # (but not inside "//").
    {
      if (url) {
        for (size_t k = 1; k + 1 < n; ++k) {
          char32_t c = w.chars[k - 1].c;
          if ((c == U'/' || c == U'.' || c == U'?' || c == U'&' || c == U'=' || c == U'_' || c == U'-' ||
               c == U'#') &&
              w.chars[k].c != U'/' && w.chars[k].c != U':')
            cuts.push_back({k, kHard});
        }
      }
    }
    std::sort(cuts.begin(), cuts.end());
    // Drop soft points next to a hard one and duplicates.
    std::vector<std::pair<size_t, int>> clean;
    for (auto& c : cuts) {
      if (!clean.empty() && clean.back().first == c.first) {
        clean.back().second = std::max(clean.back().second, c.second);  // kHard wins
        continue;
      }
      clean.push_back(c);
    }
    size_t a = 0;
    clean.push_back({n, w.forced_after ? kForced : (wi + 1 == words.size() ? kEnd : kSpace)});
    for (auto [pos, brk] : clean) {
      Piece piece;
      make_runs(w.chars, a, pos, piece);
      piece.brk = brk;
      int last_font = w.chars[pos - 1].font;
      piece.space = fonts_.space(last_font, size);
      piece.hyphen = fonts_.width(last_font, "-", size);
      if (piece.width + (brk == kSoft ? piece.hyphen : 0) > limit && pos - a > 1) {
        // Too wide for any line: break by characters.
        size_t s = a;
        double acc = 0;
        for (size_t k = a; k < pos; ++k) {
          double cw = fonts_.width(w.chars[k].font, to_utf8(w.chars, k, k + 1), size);
          if (k > s && acc + cw > limit) {
            Piece chunk;
            make_runs(w.chars, s, k, chunk);
            chunk.brk = kHard;
            chunk.space = piece.space;
            chunk.hyphen = piece.hyphen;
            pieces.push_back(std::move(chunk));
            s = k;
            acc = 0;
          }
          acc += cw;
        }
        Piece rest;
        make_runs(w.chars, s, pos, rest);
        rest.brk = brk;
        rest.space = piece.space;
        rest.hyphen = piece.hyphen;
        pieces.push_back(std::move(rest));
      } else {
        pieces.push_back(std::move(piece));
      }
      a = pos;
    }
  }

  // ---- total-fit breaking ----
  const size_t n = pieces.size();
  std::vector<double> cum(n + 1, 0), ssum(n + 1, 0);
  std::vector<int> sc(n + 1, 0);
  for (size_t k = 0; k < n; ++k) {
    bool sp = pieces[k].brk == kSpace;
    cum[k + 1] = cum[k] + pieces[k].width + (sp ? pieces[k].space : 0);
    ssum[k + 1] = ssum[k] + (sp ? pieces[k].space : 0);
    sc[k + 1] = sc[k] + (sp ? 1 : 0);
  }
  const bool justify = p.align == Align::justify;
  auto natural = [&](size_t i, size_t j) {
    const Piece& pj = pieces[j];
    return cum[j + 1] - cum[i] - (pj.brk == kSpace ? pj.space : 0) + (pj.brk == kSoft ? pj.hyphen : 0);
  };
  const double inf = std::numeric_limits<double>::infinity();
  auto cost = [&](size_t i, size_t j) -> double {
    const double avail = i == 0 ? p.first_width : p.rest_width;
    const double nat = natural(i, j);
    const int brk = pieces[j].brk;
    const bool last = brk == kEnd || brk == kForced;
    const int gaps = sc[j] - sc[i];
    const double glue = ssum[j] - ssum[i];
    double bad;
    if (nat > avail + 0.01) {
      double shrink = justify ? glue * kShrink : 0;
      if (nat - avail <= shrink + 0.01 && shrink > 0) {
        double r = (nat - avail) / shrink;
        bad = 100 * r * r * r;
      } else if (i == j) {
        bad = 1e5;  // a single piece wider than the line (only after char breaking fails)
      } else {
        return inf;
      }
    } else if (last) {
      bad = 0;
    } else if (justify) {
      if (gaps == 0) {
        // One word alone on a justified line cannot stretch: it stands flush left with a hole after
        // it. Rate the hole as if the line had one space to stretch, so that a short word alone
        // («В обще-») is as bad as the loosest line, not a cheap way out of loose lines.
        double r = (avail - nat) / (pieces[j].space * 0.5 + 0.01);
        bad = avail - nat < 1 ? 0 : std::min(100 * r * r * r, 1e7);
      }
      else {
        double r = (avail - nat) / (glue * 0.5);  // stretch like TeX: half a space
        bad = std::min(100 * r * r * r, 1e7);
      }
    } else {
      double r = (avail - nat) / (avail * 0.35);
      bad = std::min(100 * r * r * r, 1e7);
    }
    double d = (10 + bad) * (10 + bad);
    // Ragged text is hyphenated only when a word does not fit on a line at all.
    if (brk == kSoft) d += justify ? 50 * 50 : 1e8;
    if (brk == kHard) d += 20 * 20;
    if (brk == kSoft && i > 0 && pieces[i - 1].brk == kSoft) d += 3000;
    return d;
  };
  std::vector<double> dp(n, inf);
  std::vector<size_t> from(n, 0);
  const double max_avail = std::max(p.first_width, p.rest_width);
  for (size_t j = 0; j < n; ++j) {
    for (size_t i = j + 1; i-- > 0;) {
      double before = i == 0 ? 0 : dp[i - 1];
      if (i < j && natural(i, j) > max_avail + (ssum[j] - ssum[i]) * kShrink + 1) break;
      if (before < inf) {
        double c = cost(i, j);
        if (before + c < dp[j]) {
          dp[j] = before + c;
          from[j] = i;
        }
      }
      if (i > 0 && pieces[i - 1].brk == kForced) break;
    }
  }

  std::vector<std::pair<size_t, size_t>> segs;
  for (size_t j = n; j > 0;) {
    size_t i = from[j - 1];
    segs.push_back({i, j - 1});
    j = i;
  }
  std::reverse(segs.begin(), segs.end());

  // ---- lines ----
  std::vector<Line> lines;
  for (auto [i, j] : segs) {
    Line line;
    const double avail = i == 0 ? p.first_width : p.rest_width;
    const double nat = natural(i, j);
    const int brk = pieces[j].brk;
    line.last = brk == kEnd || brk == kForced;
    const int gaps = sc[j] - sc[i];
    double extra = 0;
    // Justified lines stretch or shrink to the width; a last line only shrinks, when the breaker
    // chose it with its spaces shrunk (set with natural spaces it would run into the margin).
    if (justify && gaps > 0 && (!line.last || nat > avail)) extra = (avail - nat) / gaps;
    double x = 0;
    for (size_t m = i; m <= j; ++m) {
      if (m == i || pieces[m - 1].brk == kSpace) {
        if (m != i) x += pieces[m - 1].space + extra;
        line.words.push_back(PlacedWord{x, {}, 0});
      }
      PlacedWord& w = line.words.back();
      for (const Run& r : pieces[m].runs) {
        if (!w.runs.empty() && w.runs.back().font == r.font && w.runs.back().link == r.link) {
          w.runs.back().text += r.text;
          w.runs.back().width += r.width;
        } else {
          w.runs.push_back(r);
        }
        w.width += r.width;
        x += r.width;
      }
    }
    if (brk == kSoft) {
      PlacedWord& w = line.words.back();
      w.runs.back().text += "-";
      w.runs.back().width += pieces[j].hyphen;
      w.width += pieces[j].hyphen;
      x += pieces[j].hyphen;
    }
    line.width = x;
    double offset = 0;
    if (p.align == Align::center) offset = std::max(0.0, (avail - x) / 2);
    else if (p.align == Align::right) offset = std::max(0.0, avail - x);
    line.indent = (i == 0 ? p.first_indent : p.rest_indent) + offset;
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace nastavnik::typeset::detail
