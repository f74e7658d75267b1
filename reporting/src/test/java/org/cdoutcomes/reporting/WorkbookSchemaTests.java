package org.cdoutcomes.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.internal.PackagePropertiesPart;
import org.apache.poi.schemas.ooxml.system.ooxml.TypeSystemHolder;
import org.apache.xmlbeans.XmlError;
import org.apache.xmlbeans.XmlException;
import org.apache.xmlbeans.XmlObject;
import org.apache.xmlbeans.XmlOptions;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.Cohort;
import org.cdoutcomes.analytics.result.DataQuality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Excel offers to repair a workbook whose parts break the Office Open XML schemas (an element out of its order, an
 * attribute it does not know) where LibreOffice and POI read on. Every XML part is validated here against the
 * schemas of ECMA-376 as POI compiles them (poi-ooxml-full), the reference this test trusts instead of our writer.
 */
class WorkbookSchemaTests {

    @ParameterizedTest(name = "suppress below {0}")
    @ValueSource(ints = {0, 1, 5, 100})
    void everyPartOfTheReportConformsToTheSchemas(int suppressBelow) throws Exception {
        assertConforms(written(ReportFixture.context(suppressBelow), ReportFixture.analysis()));
    }

    /** No curve, no bar, no side-effect row: the sheets that hold notes instead of charts. */
    @Test
    void everyPartOfAnEmptyReportConformsToTheSchemas() throws Exception {
        AnalysisResult empty = new AnalysisResult(new Cohort(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30),
                LocalDate.of(2026, 10, 15), 0, 0, 28), List.of(), List.of(), List.of(), List.of(), new DataQuality(0, 0, 0));
        assertConforms(written(ReportFixture.context(5), empty));
    }

    /** The check itself: a worksheet whose page setup comes before its cells, as Excel would refuse, is caught. */
    @Test
    void aPartOutOfSchemaOrderIsCaught() throws Exception {
        byte[] workbook = written(ReportFixture.context(5), ReportFixture.analysis());
        String sheet = new String(partBytes(workbook, "/xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8);
        String pageSetup = sheet.replaceAll("(?s).*?(<pageSetup[^>]*/>).*", "$1");
        String misplaced = sheet.replace(pageSetup, "").replace("<sheetData>", pageSetup + "<sheetData>");
        List<String> errors = schemaErrors(new ByteArrayInputStream(misplaced.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("Expected element 'sheetData"), errors.get(0));
    }

    private static byte[] written(ReportContext context, AnalysisResult analysis) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QuarterlyReportWriter.write(context, analysis, ReportFixture.figures(), out);
        return out.toByteArray();
    }

    private static void assertConforms(byte[] workbook) throws IOException, InvalidFormatException, XmlException {
        List<String> failures = new ArrayList<>();
        int validated = 0;
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(workbook))) {
            for (PackagePart part : pkg.getParts()) {
                // relationships and core properties are read by openxml4j's own parser, not by XMLBeans
                if (part.isRelationshipPart() || part instanceof PackagePropertiesPart || !part.getContentType().endsWith("xml")) {
                    continue;
                }
                try (InputStream in = part.getInputStream()) {
                    schemaErrors(in).forEach(error -> failures.add(part.getPartName() + ": " + error));
                }
                validated++;
            }
        }
        // workbook, styles, shared strings, 7 sheets, 3 drawings and 3 charts, app properties; fewer without charts
        assertTrue(validated >= 11, validated + " parts validated");
        assertEquals(List.of(), failures);
    }

    private static List<String> schemaErrors(InputStream part) throws IOException, XmlException {
        XmlObject document = TypeSystemHolder.typeSystem.parse(part, null, new XmlOptions());
        List<String> errors = new ArrayList<>();
        if (!document.schemaType().isDocumentType()) {
            errors.add("its root element is in no schema");
            return errors;
        }
        List<XmlError> listener = new ArrayList<>();
        document.validate(new XmlOptions().setErrorListener(listener));
        listener.forEach(error -> errors.add(error.toString()));
        return errors;
    }

    private static byte[] partBytes(byte[] workbook, String name) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(workbook));
             InputStream in = pkg.getPart(PackagingURIHelper.createPartName(name)).getInputStream()) {
            return in.readAllBytes();
        }
    }
}
