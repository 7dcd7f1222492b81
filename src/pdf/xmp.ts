// PDF/A-2b XMP packet: identification, Dublin Core, dates, and the extracted fields in a sohoa schema.
export const SOHOA_XMP_NS = "urn:sohoa:metadata:1.0/";

export interface XmpInput {
  title: string;
  producer: string;
  creatorTool: string;
  createdAt: Date;
  documentId: string;
  /** Properties written under the sohoa namespace, declared in a PDF/A extension schema. */
  sohoa: Record<string, string>;
}

/** Escapes text for XML element content and attributes. */
export function xmlEscape(value: string): string {
  return (
    value
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // XML 1.0 forbids most control characters even escaped.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
  );
}

/** ISO 8601 in UTC with seconds, the same instant the Info dictionary's D: dates carry. */
export function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Only names valid as XML local names (and readable) become properties. */
export function isXmpPropertyName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name);
}

function extensionSchema(names: string[]): string {
  const props = names
    .map(
      (n) =>
        `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${n}</pdfaProperty:name>` +
        `<pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>` +
        `<pdfaProperty:description>sohoa ${n}</pdfaProperty:description></rdf:li>`,
    )
    .join("\n");
  return `<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>sohoa extracted metadata</pdfaSchema:schema>
<pdfaSchema:namespaceURI>${SOHOA_XMP_NS}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>sohoa</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq>
${props}
</rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>`;
}

/** The whole XMP packet, to be stored uncompressed as the catalog's /Metadata. */
export function buildXmp(input: XmpInput): string {
  const date = xmpDate(input.createdAt);
  const names = Object.keys(input.sohoa).filter(isXmpPropertyName).sort();
  const sohoaProps = names
    .map((n) => `<sohoa:${n}>${xmlEscape(input.sohoa[n] ?? "")}</sohoa:${n}>`)
    .join("\n");
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"
 xmlns:sohoa="${SOHOA_XMP_NS}">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(input.title)}</rdf:li></rdf:Alt></dc:title>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<xmp:MetadataDate>${date}</xmp:MetadataDate>
<xmp:CreatorTool>${xmlEscape(input.creatorTool)}</xmp:CreatorTool>
<pdf:Producer>${xmlEscape(input.producer)}</pdf:Producer>
<xmpMM:DocumentID>uuid:${input.documentId}</xmpMM:DocumentID>
<xmpMM:InstanceID>uuid:${input.documentId}</xmpMM:InstanceID>
${names.length > 0 ? extensionSchema(names) : ""}
${sohoaProps}
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
${" ".repeat(100).concat("\n").repeat(20)}<?xpacket end="w"?>`;
}
