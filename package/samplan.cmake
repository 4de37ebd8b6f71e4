# SPDX-License-Identifier: MIT
# package/samplan.cmake — the Debian package: in a build configured by package/build
# (prefix /usr), `cpack` makes samplan_VERSION_ARCH.deb. What goes in is what
# `cmake --install` installs (CMakeLists.txt), with the package's documents below.

# The documents Debian asks for: the licence of the project and of what it links
# (machine-readable, DEP-5), the Debian changelog and NEWS, compressed without name or time.
install(FILES package/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
file(STRINGS package/changelog changelog_top LIMIT_COUNT 1)
if(NOT changelog_top MATCHES "^samplan \\(${PROJECT_VERSION}\\) ")
  message(FATAL_ERROR "package/changelog: its first entry is not for ${PROJECT_VERSION} "
                      "(project() in CMakeLists.txt); add an entry for the new version")
endif()
foreach(doc package/changelog NEWS)
  get_filename_component(name ${doc} NAME)
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/package/${name}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/package
    COMMAND gzip -9n -c ${CMAKE_SOURCE_DIR}/${doc} > ${CMAKE_BINARY_DIR}/package/${name}.gz
    DEPENDS ${CMAKE_SOURCE_DIR}/${doc} VERBATIM)
  install(FILES ${CMAKE_BINARY_DIR}/package/${name}.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
  list(APPEND package_docs ${CMAKE_BINARY_DIR}/package/${name}.gz)
endforeach()
add_custom_target(package-docs ALL DEPENDS ${package_docs})

# /etc/samplan/README is the package's; the unit's own files beside it are the unit's.
file(WRITE ${CMAKE_BINARY_DIR}/package/conffiles "${CMAKE_INSTALL_FULL_SYSCONFDIR}/samplan/README\n")

set(SAMPLAN_MAINTAINER "the samplan authors <samplan@example.org>" CACHE STRING
    "The Maintainer of the Debian package: NAME <ADDRESS>")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME samplan)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${SAMPLAN_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "plan a return from prison to society in Norway")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "samplan is a toolkit of small command-line programs for the people who plan a
convicted person's way from a Norwegian prison back into society: contact
officers, probation offices and their partners in the municipality, NAV, the
health services and the schools. Each person has one YAML or JSON case file.

The tools check case files, screen them for needs, merge plans into one
individual plan, check that every need has a service that takes over after
release, count indicators (CSV, XLSX) and write consent-scoped standard
letters (text, HTML, ODT, DOCX, PDF). samplan-examples runs them on
fictional examples.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)             # samplan_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)              # Depends from dpkg-shlibdeps
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")  # the PDF letters' font, not linked
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_BINARY_DIR}/package/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/package)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/;/build")
include(CPack)
