#include "render/html/mustache.h"

#include "core/text.h"

namespace nastavnik::mustache {

Value& Value::set(std::string_view key, Value v) {
  for (auto& [k, old] : fields_)
    if (k == key) return old = std::move(v);
  fields_.emplace_back(key, std::move(v));
  return fields_.back().second;
}

const Value* Value::get(std::string_view key) const {
  if (kind_ != Kind::object) return nullptr;
  for (const auto& [k, v] : fields_)
    if (k == key) return &v;
  return nullptr;
}

namespace {

// isspace() of the "C" locale, which kainjow trimmed tags with.
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// The parts of a dotted name as std::getline splits it at '.': "a..b" → a, "", b; "a." → a.
std::vector<std::string> split_dots(std::string_view name) {
  std::vector<std::string> parts;
  size_t from = 0;
  while (from < name.size()) {
    size_t dot = name.find('.', from);
    if (dot == std::string_view::npos) dot = name.size();
    parts.emplace_back(name.substr(from, dot - from));
    from = dot + 1;
  }
  return parts;
}

// A delimiter change {{=<% %>=}} (its trimmed contents): the new delimiters, or false.
bool set_delimiters(std::string_view c, std::string& begin, std::string& end) {
  if (c.size() < 5 || c.back() != '=') return false;
  std::string_view inner = trim(c.substr(1, c.size() - 2));
  size_t sp = inner.find(' ');
  if (sp == std::string_view::npos) return false;
  size_t next = inner.find_first_not_of(' ', sp + 1);
  if (next == std::string_view::npos) return false;
  std::string_view b = inner.substr(0, sp), e = inner.substr(next);
  for (std::string_view d : {b, e})
    for (char ch : d)
      if (ch == '=' || space(ch)) return false;
  begin = b;
  end = e;
  return true;
}

std::string quoted(std::string_view s) { return "«" + std::string(s) + "»"; }

}  // namespace

Template::Template(std::string_view in) {
  TextPositions positions(in);
  auto fail = [&](size_t offset, std::string message) {
    auto lc = positions.at(offset);
    error_ = std::move(message);
    error_line_ = lc.line;
    error_col_ = lc.col;
  };
  std::string begin = "{{", end = "}}";
  bool braces = true;
  struct Open {
    size_t node;
    size_t offset;
  };
  std::vector<Open> open;  // sections not closed yet
  std::string text;
  auto flush = [&] {
    if (text.empty()) return;
    nodes_.push_back({Type::text, 0, std::move(text), {}});
    text.clear();
  };
  const size_t n = in.size();
  for (size_t pos = 0; pos < n;) {
    if (in.compare(pos, begin.size(), begin) != 0) {
      size_t nl = in[pos] == '\r' ? (pos + 1 < n && in[pos + 1] == '\n' ? 2 : 1) : in[pos] == '\n' ? 1 : 0;
      if (nl) {
        flush();
        nodes_.push_back({Type::newline, 0, std::string(in.substr(pos, nl)), {}});
        pos += nl;
      } else {
        text += in[pos++];
      }
      continue;
    }
    flush();
    const size_t start = pos;
    size_t at = start + begin.size();
    const bool triple = braces && start != n - 2 && at < n && in[at] == '{';
    const std::string_view close = triple ? std::string_view("}}}") : std::string_view(end);
    if (triple) ++at;
    const size_t stop = in.find(close, at);
    if (stop == std::string_view::npos) {
      fail(start, "незакрытый тег: нет " + quoted(close));
      return;
    }
    const std::string_view c = trim(in.substr(at, stop - at));
    pos = stop + close.size();
    if (!c.empty() && c[0] == '=') {  // kainjow read {{{=a b=}}} as a delimiter change too
      if (!set_delimiters(c, begin, end)) {
        fail(start, "неверная смена разделителей " + quoted(in.substr(start, pos - start)) +
                        ": ожидается {{=<% %>=}}, разделители без пробелов и «=»");
        return;
      }
      braces = begin == "{{" && end == "}}";
      continue;
    }
    // What the tag is: its first character (a triple-brace tag is always a raw variable).
    enum class Tag { variable, raw_variable, section, inverted, end, partial, comment } tag = Tag::variable;
    std::string_view name = c;
    if (triple) {
      tag = Tag::raw_variable;
    } else if (!c.empty()) {
      switch (c[0]) {
        case '#': tag = Tag::section; break;
        case '^': tag = Tag::inverted; break;
        case '/': tag = Tag::end; break;
        case '>': tag = Tag::partial; break;
        case '&': tag = Tag::raw_variable; break;
        case '!': tag = Tag::comment; break;
        default: break;
      }
      if (tag != Tag::variable) name = trim(c.substr(1));
    }
    if (tag == Tag::comment) continue;  // renders nothing
    if (tag == Tag::end) {
      if (open.empty()) {
        fail(start, "закрывающий тег " + quoted("{{/" + std::string(name) + "}}") + " без открывающего");
        return;
      }
      Node& s = nodes_[open.back().node];
      if (s.text != name) {
        auto opened = positions.at(open.back().offset);
        fail(start, "секция " + quoted(s.text) + " (открыта в строке " + std::to_string(opened.line) +
                        ") закрыта тегом " + quoted("{{/" + std::string(name) + "}}"));
        return;
      }
      s.end = static_cast<uint32_t>(nodes_.size());
      open.pop_back();
      continue;
    }
    const Type type = tag == Tag::variable       ? Type::variable
                      : tag == Tag::raw_variable ? Type::raw_variable
                      : tag == Tag::section      ? Type::section
                      : tag == Tag::inverted     ? Type::inverted
                                                 : Type::partial;
    Node node{type, 0, std::string(name), {}};
    if (type != Type::partial && name != "." && name.find('.') != std::string_view::npos) node.parts = split_dots(name);
    if (type == Type::section || type == Type::inverted) {
      if (open.size() >= kMaxNesting) {  // the render recurses into sections
        fail(start, "секции вложены глубже " + std::to_string(kMaxNesting) + " уровней");
        return;
      }
      open.push_back({nodes_.size(), start});
    }
    nodes_.push_back(std::move(node));
  }
  flush();
  if (!open.empty()) {
    fail(open.front().offset, "секция " + quoted(nodes_[open.front().node].text) + " не закрыта: нет " +
                                  quoted("{{/" + nodes_[open.front().node].text + "}}"));
    nodes_.clear();
  }
}

// Renders nodes into `out` as kainjow did: text goes to the current line; at a newline, a line
// that held a rendered section tag and only spaces and tabs is dropped with its newline.
class Renderer {
 public:
  Renderer(std::string& out, const TemplateSet* partials, Template::Limits limits)
      : out_(out), partials_(partials), limits_(limits), line_start_(out.size()) {}

  void run(const Template& t, size_t from, size_t to) {
    const auto& nodes = t.nodes_;
    for (size_t i = from; i < to && !overflow_; ++i) {
      if (out_.size() > limits_.output || ++steps_ > limits_.steps) {
        overflow_ = true;
        return;
      }
      const Template::Node& n = nodes[i];
      switch (n.type) {
        case Template::Type::text:
          out_ += n.text;
          break;
        case Template::Type::newline:
          end_line(n.text);
          break;
        case Template::Type::variable:
        case Template::Type::raw_variable:
          if (const Value* v = lookup(n); v && v->kind() == Value::Kind::text) {
            if (n.type == Template::Type::variable) escape(v->str());
            else out_ += v->str();
          }
          break;
        case Template::Type::section: {
          const Value* v = lookup(n);
          if (v && !v->falsy()) {
            if (v->kind() == Value::Kind::list) {
              for (const Value& item : v->items()) nested(t, i, item);
            } else {
              nested(t, i, *v);
            }
          }
          i = n.end - 1;
          break;
        }
        case Template::Type::inverted: {
          const Value* v = lookup(n);
          if (!v || v->falsy()) {
            section_on_line_ = true;
            if (v) stack_.push_back(v);
            run(t, i + 1, n.end);
            if (v) stack_.pop_back();
            section_on_line_ = true;
          }
          i = n.end - 1;
          break;
        }
        case Template::Type::partial:
          if (const Template* p = partials_ ? partials_->find(n.text) : nullptr; p && depth_ < kMaxDepth) {
            ++depth_;
            run(*p, 0, p->nodes_.size());
            --depth_;
          }
          break;
      }
    }
  }

  void start(const Value& data) { stack_.push_back(&data); }
  bool overflow() const { return overflow_; }

  // The last line, at the end of the render.
  void finish() {
    if (section_on_line_ && blank_line()) out_.resize(line_start_);
  }

 private:
  static constexpr int kMaxDepth = 16;  // partials within partials (a partial may include itself)

  void nested(const Template& t, size_t i, const Value& context) {
    section_on_line_ = true;
    stack_.push_back(&context);
    run(t, i + 1, t.nodes_[i].end);
    stack_.pop_back();
    section_on_line_ = true;
  }

  bool blank_line() const {
    for (size_t k = line_start_; k < out_.size(); ++k)
      if (out_[k] != ' ' && out_[k] != '\t') return false;
    return true;
  }

  void end_line(const std::string& newline) {
    if (section_on_line_ && blank_line()) out_.resize(line_start_);
    else out_ += newline;
    line_start_ = out_.size();
    section_on_line_ = false;
  }

  const Value* lookup(const Template::Node& n) const {
    if (n.text == ".") return stack_.back();
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (n.parts.empty()) {
        if (const Value* v = (*it)->get(n.text)) return v;
        continue;
      }
      const Value* v = *it;
      for (const std::string& part : n.parts)
        if (!(v = v->get(part))) break;
      if (v) return v;
    }
    return nullptr;
  }

  // As kainjow escaped: an apostrophe as &apos;.
  void escape(std::string_view s) { append_html_escaped(out_, s, "&apos;"); }

  std::string& out_;
  const TemplateSet* partials_;
  const Template::Limits limits_;
  size_t line_start_;
  bool section_on_line_ = false;
  bool overflow_ = false;
  size_t steps_ = 0;  // nodes rendered
  int depth_ = 0;
  std::vector<const Value*> stack_;
};

bool Template::render(const Value& data, std::string& out, const TemplateSet* partials) const {
  return render(data, out, partials, Limits{});
}

bool Template::render(const Value& data, std::string& out, const TemplateSet* partials, Limits limits) const {
  Renderer r(out, partials, limits);
  r.start(data);
  r.run(*this, 0, nodes_.size());
  if (r.overflow()) return false;
  r.finish();
  return true;
}

}  // namespace nastavnik::mustache
