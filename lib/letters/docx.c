/* SPDX-License-Identifier: MIT */
/* docx.c — a letter as Office Open XML (DOCX): the content types, the relations, the styles,
 * the core properties and the document, the blocks written by the paragraph walk in
 * WordprocessingML's tags, in the zip container. */
#include "letters/letterfmt_int.h"

#include <stdlib.h>

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char docx_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>\n";

static const char docx_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>\n";

static const char docx_doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/></Relationships>\n";

static const char docx_styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles " W_NS ">\n"
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" "
    "w:eastAsia=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"
    "<w:lang w:val=\"nb-NO\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    "<w:spacing w:after=\"0\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
    "</w:docDefaults>\n"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:qFormat/><w:pPr><w:spacing w:after=\"140\"/></w:pPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"240\" w:after=\"160\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>"
    "<w:b/><w:bCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"200\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr>"
    "<w:b/><w:bCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Letterhead\">"
    "<w:name w:val=\"Letterhead\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:pBdr><w:bottom "
    "w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"808080\"/></w:pBdr><w:spacing "
    "w:after=\"360\"/></w:pPr><w:rPr><w:color w:val=\"404040\"/><w:sz w:val=\"18\"/>"
    "<w:szCs w:val=\"18\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Address\">"
    "<w:name w:val=\"Address\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing "
    "w:before=\"480\" w:after=\"480\"/></w:pPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Lines\">"
    "<w:name w:val=\"Lines\"/><w:basedOn w:val=\"Normal\"/></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Reference\">"
    "<w:name w:val=\"Reference\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"right\"/>"
    "<w:spacing w:after=\"240\"/></w:pPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"360\" "
    "w:hanging=\"360\"/></w:pPr></w:style>\n"
    "</w:styles>\n";

#define W_PAR(style) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr>", "</w:p>\n"

static const lf_dialect docx_dialect = {
    .par =
	{
	    [BL_HEAD] = {W_PAR("Letterhead")},
	    [BL_LINES] = {W_PAR("Lines")},
	    [BL_REF] = {W_PAR("Reference")},
	    [BL_H1] = {W_PAR("Heading1")},
	    [BL_H2] = {W_PAR("Heading2")},
	    [BL_LIST] = {"", ""},
	    [BL_PARA] = {W_PAR("Normal")},
	},
    .address_open = "<w:p><w:pPr><w:pStyle w:val=\"Address\"/></w:pPr>",
    .run_open = "<w:r><w:t xml:space=\"preserve\">",
    .run_close = "</w:t></w:r>",
    .line_break = "<w:r><w:br/></w:r>",
    .item_open = "<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/></w:pPr><w:r><w:t>•</w:t></w:r>"
		 "<w:r><w:tab/></w:r><w:r><w:t xml:space=\"preserve\">",
    .item_close = "</w:t></w:r></w:p>\n",
};

static const lf_zip_entry docx_parts[] = {
    {"[Content_Types].xml", docx_types, sizeof docx_types - 1, false},
    {"_rels/.rels", docx_rels, sizeof docx_rels - 1, false},
    {"docProps/core.xml", NULL, 0, false},
    {"word/_rels/document.xml.rels", docx_doc_rels, sizeof docx_doc_rels - 1, false},
    {"word/styles.xml", docx_styles, sizeof docx_styles - 1, false},
    {"word/document.xml", NULL, 0, false},
};

const lf_office_format lf_docx = {
    .dialect = &docx_dialect,
    .body_open = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " W_NS
		 "><w:body>\n",
    .body_close = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" "
		  "w:right=\"1417\" w:bottom=\"1134\" w:left=\"1417\" w:header=\"708\" "
		  "w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>\n</w:body></w:document>\n",
    .meta_open = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		 "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
		 "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
		 "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
		 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
    .creator_tag = "dc:creator",
    .date_tags = {{"<dcterms:created xsi:type=\"dcterms:W3CDTF\">", "</dcterms:created>"}},
    .zulu = true,
    .meta_close = "</cp:coreProperties>\n",
    LF_PARTS(docx_parts, 2, 5),
};
