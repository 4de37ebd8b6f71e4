# SPDX-License-Identifier: MIT
# embed.cmake — write a file's bytes as a C array: cmake -DIN=… -DOUT=… -DNAME=… -P embed.cmake
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUT} "/* generated from ${IN} by lib/embed.cmake; do not edit */\n#include <stddef.h>\n"
  "const unsigned char ${NAME}[] = {${bytes}0x00};\nconst size_t ${NAME}_len = ${len};\n")
