/* SPDX-License-Identifier: MIT */
/* odt.c — a letter as an OpenDocument text (ODT): the styles, the metadata and the content,
 * the blocks written by the paragraph walk in ODF's tags, in the zip container. */
#include "letters/letterfmt_int.h"

#include <stdlib.h>

#define ODF_NS                                                                                     \
	" xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""                       \
	" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""                         \
	" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""                           \
	" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""                \
	" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""

static const char odt_styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-styles" ODF_NS " office:version=\"1.3\">\n"
    "<office:font-face-decls><style:font-face style:name=\"Liberation Sans\" "
    "svg:font-family=\"&apos;Liberation Sans&apos;\" style:font-family-generic=\"swiss\" "
    "style:font-pitch=\"variable\"/></office:font-face-decls>\n"
    "<office:styles>\n"
    "<style:default-style style:family=\"paragraph\"><style:paragraph-properties "
    "fo:margin-top=\"0cm\" fo:margin-bottom=\"0cm\"/><style:text-properties "
    "style:font-name=\"Liberation Sans\" fo:font-size=\"11pt\" fo:language=\"nb\" "
    "fo:country=\"NO\"/></style:default-style>\n"
    "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>\n"
    "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" "
    "style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"text\">"
    "<style:paragraph-properties fo:margin-bottom=\"0.25cm\" fo:line-height=\"115%\"/>"
    "</style:style>\n"
    "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" "
    "style:family=\"paragraph\" style:parent-style-name=\"Standard\" "
    "style:next-style-name=\"Text_20_body\" style:default-outline-level=\"1\" "
    "style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0.4cm\" "
    "fo:margin-bottom=\"0.3cm\" fo:keep-with-next=\"always\"/><style:text-properties "
    "fo:font-size=\"14pt\" fo:font-weight=\"bold\"/></style:style>\n"
    "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" "
    "style:family=\"paragraph\" style:parent-style-name=\"Standard\" "
    "style:next-style-name=\"Text_20_body\" style:default-outline-level=\"2\" "
    "style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0.35cm\" "
    "fo:margin-bottom=\"0.2cm\" fo:keep-with-next=\"always\"/><style:text-properties "
    "fo:font-size=\"12pt\" fo:font-weight=\"bold\"/></style:style>\n"
    "<style:style style:name=\"Letterhead\" style:family=\"paragraph\" "
    "style:parent-style-name=\"Standard\"><style:paragraph-properties "
    "fo:margin-bottom=\"0.6cm\" fo:border-bottom=\"0.5pt solid #808080\" "
    "fo:padding-bottom=\"0.1cm\"/><style:text-properties fo:font-size=\"9pt\" "
    "fo:color=\"#404040\"/></style:style>\n"
    "<style:style style:name=\"Address\" style:family=\"paragraph\" "
    "style:parent-style-name=\"Standard\"><style:paragraph-properties fo:margin-top=\"0.8cm\" "
    "fo:margin-bottom=\"0.8cm\"/></style:style>\n"
    "<style:style style:name=\"Lines\" style:family=\"paragraph\" "
    "style:parent-style-name=\"Standard\"><style:paragraph-properties "
    "fo:margin-bottom=\"0.25cm\"/></style:style>\n"
    "<style:style style:name=\"Reference\" style:family=\"paragraph\" "
    "style:parent-style-name=\"Standard\"><style:paragraph-properties fo:text-align=\"end\" "
    "fo:margin-bottom=\"0.4cm\"/></style:style>\n"
    "<style:style style:name=\"List_20_Paragraph\" style:display-name=\"List Paragraph\" "
    "style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"list\">"
    "<style:paragraph-properties fo:margin-bottom=\"0.1cm\"/></style:style>\n"
    "<text:list-style style:name=\"Bullets\"><text:list-level-style-bullet text:level=\"1\" "
    "text:bullet-char=\"•\"><style:list-level-properties "
    "text:list-level-position-and-space-mode=\"label-alignment\"><style:list-level-label-alignment "
    "text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"0.635cm\" "
    "fo:text-indent=\"-0.635cm\" fo:margin-left=\"0.635cm\"/></style:list-level-properties>"
    "</text:list-level-style-bullet></text:list-style>\n"
    "</office:styles>\n"
    "<office:automatic-styles><style:page-layout style:name=\"A4\"><style:page-layout-properties "
    "fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" "
    "fo:margin-top=\"2cm\" fo:margin-bottom=\"2cm\" fo:margin-left=\"2.5cm\" "
    "fo:margin-right=\"2.5cm\"/></style:page-layout></office:automatic-styles>\n"
    "<office:master-styles><style:master-page style:name=\"Standard\" "
    "style:page-layout-name=\"A4\"/></office:master-styles>\n"
    "</office:document-styles>\n";

static const char odt_manifest[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
    "manifest:version=\"1.3\">\n"
    " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" "
    "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\n"
    " <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
    " <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
    " <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\n"
    "</manifest:manifest>\n";

static const char odt_mimetype[] = "application/vnd.oasis.opendocument.text";

#define TEXT_P(style) "<text:p text:style-name=\"" style "\">", "</text:p>\n"
#define TEXT_H(level)                                                                              \
	"<text:h text:style-name=\"Heading_20_" level "\" text:outline-level=\"" level "\">",        \
	    "</text:h>\n"

static const lf_dialect odt_dialect = {
    .par =
	{
	    [BL_HEAD] = {TEXT_P("Letterhead")},
	    [BL_LINES] = {TEXT_P("Lines")},
	    [BL_REF] = {TEXT_P("Reference")},
	    [BL_H1] = {TEXT_H("1")},
	    [BL_H2] = {TEXT_H("2")},
	    [BL_LIST] = {"<text:list text:style-name=\"Bullets\">\n", "</text:list>\n"},
	    [BL_PARA] = {TEXT_P("Text_20_body")},
	},
    .address_open = "<text:p text:style-name=\"Address\">",
    .run_open = "",
    .run_close = "",
    .line_break = "<text:line-break/>",
    .item_open = "<text:list-item><text:p text:style-name=\"List_20_Paragraph\">",
    .item_close = "</text:p></text:list-item>\n",
};

static const lf_zip_entry odt_parts[] = {
    {"mimetype", odt_mimetype, sizeof odt_mimetype - 1, true},
    {"META-INF/manifest.xml", odt_manifest, sizeof odt_manifest - 1, false},
    {"styles.xml", odt_styles, sizeof odt_styles - 1, false},
    {"meta.xml", NULL, 0, false},
    {"content.xml", NULL, 0, false},
};

const lf_office_format lf_odt = {
    .dialect = &odt_dialect,
    .body_open = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content" ODF_NS
		 " office:version=\"1.3\">\n<office:body>\n<office:text>\n",
    .body_close = "</office:text>\n</office:body>\n</office:document-content>\n",
    .meta_open = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta "
		 "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
		 "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
		 "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\">"
		 "<office:meta><meta:generator>samplan</meta:generator>",
    .creator_tag = "meta:initial-creator",
    .date_tags = {{"<meta:creation-date>", "</meta:creation-date>"}, {"<dc:date>", "</dc:date>"}},
    .zulu = false,
    .meta_close = "</office:meta></office:document-meta>\n",
    LF_PARTS(odt_parts, 3, 4),
};
