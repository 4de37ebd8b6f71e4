# SPDX-License-Identifier: MIT
# embed_templates.cmake — the built-in letter templates (templates/*.mustache) as a C table:
#   cmake -DDIR=… -DOUT=… -P embed_templates.cmake
file(GLOB files RELATIVE ${DIR} ${DIR}/*.mustache)
list(SORT files)
set(body "/* generated from ${DIR} by lib/embed_templates.cmake; do not edit */\n#include \"letters/letter.h\"\n")
set(table "")
set(i 0)
foreach(f ${files})
  file(READ ${DIR}/${f} hex HEX)
  string(LENGTH "${hex}" n)
  math(EXPR len "${n} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "\\.mustache$" "" name "${f}")
  string(APPEND body "static const unsigned char t${i}[] = {${bytes}0x00};\n")
  string(APPEND table "  {\"${name}\", (const char *)t${i}, ${len}},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND body "const sp_builtin_template sp_builtin_templates[] = {\n${table}  {0, 0, 0}};\n"
  "const size_t sp_builtin_template_count = ${i};\n")
file(WRITE ${OUT}.tmp "${body}")
file(RENAME ${OUT}.tmp ${OUT})
