// Helpers for geometry assertions on Result::boxes.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "typeset/typeset.h"

namespace geo {

using nastavnik::typeset::Box;
using nastavnik::typeset::PageSetup;
using nastavnik::typeset::Result;

constexpr double kMm = 72.0 / 25.4;
constexpr double kEps = 0.01;

struct Frame {
  double left, right, bottom, top, page_h;
  explicit Frame(const PageSetup& p)
      : left(p.left_mm * kMm),
        right((p.width_mm - p.right_mm) * kMm),
        bottom(p.bottom_mm * kMm),
        top((p.height_mm - p.top_mm) * kMm),
        page_h(p.height_mm * kMm) {}
};

inline std::vector<Box> of_kind(const Result& r, const std::string& kind, int page = -1) {
  std::vector<Box> v;
  for (const Box& b : r.boxes)
    if (b.kind == kind && (page < 0 || b.page == page)) v.push_back(b);
  return v;
}

inline bool overlap(const Box& a, const Box& b) {
  return a.page == b.page && a.x < b.x + b.w - kEps && b.x < a.x + a.w - kEps && a.y < b.y + b.h - kEps &&
         b.y < a.y + a.h - kEps;
}

inline bool inside(const Box& b, const Frame& f) {
  return b.x >= f.left - kEps && b.x + b.w <= f.right + kEps && b.y >= f.bottom - kEps && b.y + b.h <= f.top + kEps;
}

inline std::string describe(const Box& b) {
  return b.kind + " p" + std::to_string(b.page) + " [" + std::to_string(b.x) + ", " + std::to_string(b.y) + ", " +
         std::to_string(b.w) + " x " + std::to_string(b.h) + "] «" + b.text + "»";
}

}  // namespace geo
