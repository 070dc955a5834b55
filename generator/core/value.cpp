#include "core/value.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <set>
#include <unordered_set>

#include "core/text.h"
#include "core/utf8.h"

namespace nastavnik {

Value::Value() = default;
Value::~Value() = default;
Value::Value(const Value&) = default;
Value::Value(Value&&) noexcept = default;
Value& Value::operator=(const Value&) = default;
Value& Value::operator=(Value&&) noexcept = default;

const Value* Value::get(std::string_view key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

const char* Value::kind_name(Kind k) {
  switch (k) {
    case Kind::null: return "null";
    case Kind::boolean: return "логическое значение";
    case Kind::number: return "число";
    case Kind::string: return "строка";
    case Kind::array: return "массив";
    case Kind::object: return "объект";
  }
  return "?";
}

namespace {

struct JsonError {
  size_t at;
  std::string message;
};

class JsonParser {
 public:
  JsonParser(std::string_view t, const FileName& file, Diagnostics& d)
      : text_(t), file_(file), diags_(d) {}

  std::optional<Value> run() {
    try {
      skip_ws();
      Value v = value(0);
      skip_ws();
      if (i_ < text_.size()) fail("лишние символы после конца JSON");
      return v;
    } catch (const JsonError& e) {
      diags_.error(pos_at(e.at), e.message);
      return std::nullopt;
    }
  }

 private:
  std::string_view text_;
  const FileName& file_;
  Diagnostics& diags_;
  size_t i_ = 0;
  // Offsets to line:col (columns count characters, not bytes), in one pass as the parser goes.
  TextPositions positions_{text_};

  SourcePos pos_at(size_t at) {
    auto p = positions_.at(at);
    return {file_, p.line, p.col};
  }

  [[noreturn]] void fail(std::string msg) { throw JsonError{i_, std::move(msg)}; }
  [[noreturn]] void fail_at(size_t at, std::string msg) { throw JsonError{at, std::move(msg)}; }

  void skip_ws() {
    while (i_ < text_.size() &&
           (text_[i_] == ' ' || text_[i_] == '\n' || text_[i_] == '\t' || text_[i_] == '\r'))
      ++i_;
  }

  std::string describe_here() {
    if (i_ >= text_.size()) return "конец файла";
    size_t j = i_;
    char32_t c = utf8::next(text_, j);
    std::string s = "«";
    utf8::append(s, c);
    return s + "»";
  }

  Value value(int depth) {
    if (depth > 200) fail("слишком глубокая вложенность JSON (более 200 уровней)");
    if (i_ >= text_.size()) fail("неожиданный конец файла: ожидалось значение");
    Value v;
    v.pos = pos_at(i_);
    char c = text_[i_];
    if (c == '{') {
      v.kind = Value::Kind::object;
      ++i_;
      skip_ws();
      if (i_ < text_.size() && text_[i_] == '}') { ++i_; return v; }
      // Repeated keys: the members read so far are compared (an object has a few keys), through
      // a set of their copies once it has many (not views: the members move as the vector grows).
      std::set<std::string> seen;
      auto repeated = [&](const std::string& key) {
        constexpr size_t kScan = 16;
        if (v.members.size() < kScan) {
          for (const auto& m : v.members)
            if (m.first == key) return true;
          return false;
        }
        if (seen.empty())
          for (const auto& m : v.members) seen.insert(m.first);
        return seen.count(key) > 0;
      };
      for (;;) {
        skip_ws();
        if (i_ >= text_.size() || text_[i_] != '"')
          fail("ожидался ключ в кавычках, а встретился " + describe_here());
        size_t key_at = i_;
        SourcePos kp = pos_at(i_);
        std::string key = string_literal();
        skip_ws();
        if (i_ >= text_.size() || text_[i_] != ':')
          fail("ожидалось «:» после ключа «" + key + "», а встретился " + describe_here());
        ++i_;
        skip_ws();
        Value member = value(depth + 1);
        member.key_pos = kp;
        // A repeated key is an error, but not a fatal one: the first value stays, so that one
        // mistake does not hide the whole file (and cascade into unknown references).
        if (repeated(key)) {
          diags_.error(pos_at(key_at), "ключ «" + key + "» повторяется в одном объекте");
        } else {
          v.members.emplace_back(std::move(key), std::move(member));
          if (!seen.empty()) seen.insert(v.members.back().first);
        }
        skip_ws();
        if (i_ < text_.size() && text_[i_] == ',') { ++i_; continue; }
        if (i_ < text_.size() && text_[i_] == '}') { ++i_; break; }
        fail("ожидалась «,» или «}», а встретился " + describe_here());
      }
      return v;
    }
    if (c == '[') {
      v.kind = Value::Kind::array;
      ++i_;
      skip_ws();
      if (i_ < text_.size() && text_[i_] == ']') { ++i_; return v; }
      for (;;) {
        skip_ws();
        v.items.push_back(value(depth + 1));
        skip_ws();
        if (i_ < text_.size() && text_[i_] == ',') { ++i_; continue; }
        if (i_ < text_.size() && text_[i_] == ']') { ++i_; break; }
        fail("ожидалась «,» или «]», а встретился " + describe_here());
      }
      return v;
    }
    if (c == '"') {
      v.kind = Value::Kind::string;
      v.str = string_literal();
      return v;
    }
    if (text_.substr(i_, 4) == "true") { i_ += 4; v.kind = Value::Kind::boolean; v.boolean = true; return v; }
    if (text_.substr(i_, 5) == "false") { i_ += 5; v.kind = Value::Kind::boolean; return v; }
    if (text_.substr(i_, 4) == "null") { i_ += 4; return v; }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = i_;
      if (text_[i_] == '-') ++i_;
      while (i_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[i_])) ||
                                   text_[i_] == '.' || text_[i_] == 'e' || text_[i_] == 'E' ||
                                   text_[i_] == '+' || text_[i_] == '-'))
        ++i_;
      double d = 0;
      auto [p, ec] = std::from_chars(text_.data() + start, text_.data() + i_, d);
      if (ec != std::errc() || p != text_.data() + i_ || !std::isfinite(d))
        fail_at(start, "неверное число «" + std::string(text_.substr(start, i_ - start)) + "»");
      v.kind = Value::Kind::number;
      v.number = d;
      return v;
    }
    fail("ожидалось значение JSON, а встретился " + describe_here());
  }

  unsigned hex4() {
    if (i_ + 4 > text_.size()) fail("неполная escape-последовательность \\u");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      char h = text_[i_++];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= h - '0';
      else if (h >= 'a' && h <= 'f') v |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') v |= h - 'A' + 10;
      else fail("неверная escape-последовательность \\u");
    }
    return v;
  }

  std::string string_literal() {
    size_t start = i_;
    ++i_;  // opening quote
    std::string out;
    for (;;) {
      if (i_ >= text_.size()) fail_at(start, "строка не закрыта кавычкой");
      char c = text_[i_];
      if (c == '"') { ++i_; return out; }
      if (static_cast<unsigned char>(c) < 0x20) {
        if (c == '\n') fail_at(start, "строка не закрыта кавычкой до конца строки");
        fail("управляющий символ внутри строки");
      }
      if (c != '\\') {  // a run of plain bytes, copied at once
        size_t j = i_ + 1;
        while (j < text_.size() && text_[j] != '"' && text_[j] != '\\' && static_cast<unsigned char>(text_[j]) >= 0x20) ++j;
        out.append(text_, i_, j - i_);
        i_ = j;
        continue;
      }
      ++i_;
      if (i_ >= text_.size()) fail_at(start, "строка не закрыта кавычкой");
      char e = text_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          char32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.substr(i_, 2) != "\\u") fail("непарный суррогат в \\u");
            i_ += 2;
            char32_t lo = hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail("непарный суррогат в \\u");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail("непарный суррогат в \\u");
          }
          utf8::append(out, cp);
          break;
        }
        default: fail_at(i_ - 2, "неверная escape-последовательность в строке");
      }
    }
  }
};

bool looks_like_number(const std::string& s, double& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(out);
}

// A plain (unquoted) scalar with its YAML 1.2 core schema type: boolean, null, number or string. One
// rule for yaml-cpp's plain scalars and the direct reader's.
void plain_value(Value& val, std::string s) {
  double d;
  if (s == "true" || s == "True" || s == "TRUE") {
    val.kind = Value::Kind::boolean;
    val.boolean = true;
  } else if (s == "false" || s == "False" || s == "FALSE") {
    val.kind = Value::Kind::boolean;
  } else if (s == "null" || s == "~" || s == "Null" || s == "NULL") {
  } else if (looks_like_number(s, d)) {
    val.kind = Value::Kind::number;
    val.number = d;
    val.str = std::move(s);
  } else {
    val.kind = Value::Kind::string;
    val.str = std::move(s);
  }
}

Value from_yaml(const YAML::Node& n, const FileName& file, int line_offset, Diagnostics& diags,
                int depth) {
  Value v;
  auto m = n.Mark();
  if (m.line >= 0) v.pos = {file, m.line + 1 + line_offset, m.column + 1};
  if (depth > 100) {
    diags.error(v.pos, "слишком глубокая вложенность YAML");
    return v;
  }
  switch (n.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: break;
    case YAML::NodeType::Scalar: {
      if (n.Tag() == "?") {  // plain scalar
        plain_value(v, n.Scalar());
        break;
      }
      v.kind = Value::Kind::string;
      v.str = n.Scalar();
      break;
    }
    case YAML::NodeType::Sequence:
      v.kind = Value::Kind::array;
      for (const auto& item : n) v.items.push_back(from_yaml(item, file, line_offset, diags, depth + 1));
      break;
    case YAML::NodeType::Map:
      v.kind = Value::Kind::object;
      std::unordered_set<std::string> seen;  // a map of many keys must not cost their square
      for (const auto& kv : n) {
        Value key = from_yaml(kv.first, file, line_offset, diags, depth + 1);
        std::string k = key.is_string() ? key.str : kv.first.Scalar();
        if (!seen.insert(k).second) {
          diags.error(key.pos, "ключ «" + k + "» повторяется");
          continue;
        }
        Value member = from_yaml(kv.second, file, line_offset, diags, depth + 1);
        member.key_pos = key.pos;
        v.members.emplace_back(k, std::move(member));
      }
      break;
  }
  return v;
}

// yaml-cpp speaks English; the messages users meet most often, in Russian.
std::string yaml_message_ru(const std::string& msg) {
  static const std::pair<const char*, const char*> kMessages[] = {
      {"end of sequence flow not found", "не закрыт список «[ … ]»"},
      {"end of map flow not found", "не закрыт словарь «{ … }»"},
      {"end of map not found", "не найден конец словаря (проверьте отступы)"},
      {"end of sequence not found", "не найден конец списка (проверьте отступы)"},
      {"illegal map value", "недопустимое значение: возможно, в тексте есть «: » — заключите его в кавычки"},
      {"illegal flow end", "лишняя закрывающая скобка"},
      {"block sequence entries are not allowed in this context",
       "элемент списка «- » здесь недопустим (проверьте отступы)"},
      {"unknown escape character", "неизвестная escape-последовательность в строке"},
      {"unknown token", "неизвестный символ"},
      {"end of string not found", "строка не закрыта кавычкой"},
      {"invalid character in anchor", "недопустимый символ в якоре «&»"},
      {"the alias referenced is undefined", "ссылка «*» на неопределённый якорь"},
  };
  for (const auto& [en, ru] : kMessages)
    if (msg.find(en) != std::string::npos) return ru;
  return msg;
}

}  // namespace

std::optional<Value> parse_json(std::string_view text, const FileName& file, Diagnostics& diags) {
  JsonParser p(text, file, diags);
  return p.run();
}

namespace detail {
namespace {

bool key_char(char c, bool first) { return (c >= 'a' && c <= 'z') || c == '_' || (!first && c >= '0' && c <= '9'); }

// A value on one line of front matter, from l[i]: a quoted string without escapes, a plain scalar,
// or a flow collection ({ key: value, … } or [value, …]) of those, two levels deep at most. false
// for anything else (the caller gives the text to yaml-cpp).
class LineValue {
 public:
  LineValue(std::string_view l, const FileName& file, int line) : l_(l), file_(file), line_(line) {}

  bool read(size_t& i, Value& val, bool flow, int depth) {
    if (i >= l_.size()) return false;
    val.pos = {file_, line_, static_cast<int>(i) + 1};
    const char c = l_[i];
    if (c == '"' || c == '\'') {
      size_t e = l_.find(c, i + 1);
      if (e == std::string_view::npos) return false;
      std::string_view inner = l_.substr(i + 1, e - i - 1);
      if (inner.find('\\') != std::string_view::npos || inner.find('\t') != std::string_view::npos) return false;
      if (e + 1 < l_.size() && l_[e + 1] == c) return false;  // '' in a single-quoted string
      val.kind = Value::Kind::string;
      val.str = std::string(inner);
      i = e + 1;
      return true;
    }
    if (c == '{' || c == '[') {
      if (depth >= 2) return false;
      const bool map = c == '{';
      val.kind = map ? Value::Kind::object : Value::Kind::array;
      std::unordered_set<std::string> seen;  // keys of a flow map
      ++i;
      for (;;) {
        skip_spaces(i);
        if (map) {
          size_t k = i;
          while (k < l_.size() && key_char(l_[k], k == i)) ++k;
          if (k == i || k + 1 >= l_.size() || l_[k] != ':' || l_[k + 1] != ' ') return false;
          std::string key(l_.substr(i, k - i));
          if (!seen.insert(key).second) return false;
          Value member;
          const SourcePos key_pos{file_, line_, static_cast<int>(i) + 1};
          i = k + 1;
          skip_spaces(i);
          if (!read(i, member, true, depth + 1)) return false;
          member.key_pos = key_pos;
          val.members.emplace_back(std::move(key), std::move(member));
        } else {
          Value item;
          if (!read(i, item, true, depth + 1)) return false;
          val.items.push_back(std::move(item));
        }
        skip_spaces(i);
        if (i >= l_.size()) return false;
        if (l_[i] == ',') {
          ++i;
          continue;
        }
        if (l_[i] != (map ? '}' : ']')) return false;
        ++i;
        return true;
      }
    }
    // A plain scalar that starts with a letter or digit and holds nothing YAML reads specially; in a
    // flow collection it ends at ',', '}' or ']'.
    const auto c0 = static_cast<unsigned char>(c);
    if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') || (c0 >= '0' && c0 <= '9') || c0 >= 0x80))
      return false;
    size_t e = flow ? l_.find_first_of(",}]", i) : l_.size();
    if (e == std::string_view::npos) return false;
    std::string_view raw = l_.substr(i, e - i);
    while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
    if (raw.find_first_of(flow ? "#{}[]\t\"':?" : "#{}[]\t\"'") != std::string_view::npos ||
        raw.find(": ") != std::string_view::npos || raw.back() == ':')
      return false;
    plain_value(val, std::string(raw));
    i = e;
    return true;
  }

  void skip_spaces(size_t& i) const {
    while (i < l_.size() && l_[i] == ' ') ++i;
  }

 private:
  std::string_view l_;
  const FileName& file_;
  int line_;
};
}  // namespace

// The front matter of most pages is a few lines `key: "text"`, `key: text` or `key: [a, b]` /
// `key: { k: v }`: read directly, it gives the Value yaml-cpp would give (kinds, texts, positions;
// unit tests compare the two) at a fraction of the cost (yaml-cpp was a twentieth of a build).
// Anything else — block nesting, escapes, comments, block scalars, anchors, tags, repeated keys,
// deeper flow collections — returns nullopt and goes to yaml-cpp.
std::optional<Value> simple_yaml(std::string_view text, const FileName& file, int line_offset) {
  Value map;
  map.kind = Value::Kind::object;
  std::unordered_set<std::string> seen;
  int line = 0;
  for (size_t at = 0; at < text.size(); ++line) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(at, end - at);
    at = end + 1;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    while (!l.empty() && l.back() == ' ') l.remove_suffix(1);
    if (l.empty()) continue;  // blank
    // Control characters, and characters YAML 1.1 reads as line breaks (NEL, LS, PS) or a BOM.
    for (char c : l)
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
    for (std::string_view odd : {"\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xEF\xBB\xBF"})
      if (l.find(odd) != std::string_view::npos) return std::nullopt;
    // key: [a-z_][a-z0-9_]* at the start of the line, then ": ".
    size_t k = 0;
    while (k < l.size() && key_char(l[k], k == 0)) ++k;
    if (k == 0 || k + 1 >= l.size() || l[k] != ':' || l[k + 1] != ' ') return std::nullopt;
    const int line_no = line + 1 + line_offset;
    LineValue reader(l, file, line_no);
    size_t v = k + 1;
    reader.skip_spaces(v);
    if (v >= l.size()) return std::nullopt;  // `key:` (null or a nested block)
    Value val;
    if (!reader.read(v, val, false, 0) || v != l.size()) return std::nullopt;  // nothing may follow
    std::string key(l.substr(0, k));
    if (!seen.insert(key).second) return std::nullopt;  // yaml-cpp's path reports it
    val.key_pos = {file, line_no, 1};
    if (map.members.empty()) map.pos = val.key_pos;
    map.members.emplace_back(std::move(key), std::move(val));
  }
  if (map.members.empty()) return std::nullopt;
  return map;
}

std::optional<Value> yaml_cpp(std::string_view text, const FileName& file, int line_offset, Diagnostics& diags) {
  try {
    YAML::Node n = YAML::Load(std::string(text));
    return from_yaml(n, file, line_offset, diags, 0);
  } catch (const YAML::Exception& e) {
    SourcePos pos{file, e.mark.line >= 0 ? e.mark.line + 1 + line_offset : 0,
                  e.mark.column >= 0 ? e.mark.column + 1 : 0};
    diags.error(pos, "неверный YAML: " + yaml_message_ru(e.msg));
    return std::nullopt;
  }
}
}  // namespace detail

std::optional<Value> parse_yaml(std::string_view text, const FileName& file, int line_offset,
                                Diagnostics& diags) {
  if (auto v = detail::simple_yaml(text, file, line_offset)) return v;
  return detail::yaml_cpp(text, file, line_offset, diags);
}

}  // namespace nastavnik
