package org.cdoutcomes.app.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.cdoutcomes.model.vocabulary.AdverseEventTerm;
import org.cdoutcomes.model.vocabulary.CdPattern;
import org.cdoutcomes.model.vocabulary.Guidance;
import org.cdoutcomes.model.vocabulary.Limits;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.ScoreTerm;
import org.cdoutcomes.model.vocabulary.Sex;
import org.cdoutcomes.model.vocabulary.Side;
import org.cdoutcomes.model.vocabulary.Source;
import org.cdoutcomes.model.vocabulary.SymptomKind;
import org.cdoutcomes.model.vocabulary.Vocabulary;

/**
 * The three generated files read back, each row checked against the rules of input-formats.md on its
 * own (written here from the spec, independently of the generator): a row's {@code problem} is the reject
 * code and column of the first rule it breaks ({@code "UNKNOWN_CODE muscle"}), or null.
 */
final class GeneratedExport {
    static final String PATIENTS_HEADER = "patient_id,site_id,sex,birth_year,diagnosis_date,cd_pattern";
    static final String VISITS_HEADER = "visit_id,patient_id,visit_date,product,muscle,side,dose_units,guidance,site_id";
    static final String SYMPTOMS_HEADER = "record_id,patient_id,recorded_on,kind,term,value,visit_id,source";

    record Row(int line, Map<String, String> cells, String problem) {
        String get(String column) {
            return cells.get(column);
        }

        boolean valid() {
            return problem == null;
        }

        String code() {
            return problem == null ? null : problem.substring(0, problem.indexOf(' '));
        }
    }

    final List<String> headers = new ArrayList<>();
    final List<Row> patients;
    final List<Row> visits;
    final List<Row> symptoms;

    private final LocalDate today;

    /** {@code today} is the day of a pretended ingest: dates after it are in the future. */
    GeneratedExport(Path directory, LocalDate today) throws IOException {
        this.today = today;
        patients = read(directory.resolve("patients.csv"), this::patientProblem);
        visits = read(directory.resolve("visits.csv"), this::visitProblem);
        symptoms = read(directory.resolve("symptoms.csv"), this::symptomProblem);
    }

    List<Row> all() {
        List<Row> all = new ArrayList<>(patients);
        all.addAll(visits);
        all.addAll(symptoms);
        return all;
    }

    private List<Row> read(Path file, Function<Map<String, String>, String> rules) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        headers.add(lines.get(0));
        String[] columns = lines.get(0).split(",", -1);
        List<Row> rows = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.indexOf('"') >= 0) {
                throw new AssertionError(file + " line " + (i + 1) + " needs quoting, which the generator never writes");
            }
            String[] values = line.split(",", -1);
            if (values.length != columns.length) {
                rows.add(new Row(i + 1, Map.of(), "MALFORMED_ROW -"));
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            for (int c = 0; c < columns.length; c++) {
                String value = values[c].trim();
                cells.put(columns[c], value.isEmpty() ? null : value);
            }
            rows.add(new Row(i + 1, cells, rules.apply(cells)));
        }
        return rows;
    }

    private String patientProblem(Map<String, String> row) {
        return first(
                id(row, "patient_id", true),
                id(row, "site_id", false),
                code(row, "sex", Sex.VOCABULARY, false),
                birthYear(row.get("birth_year")),
                date(row, "diagnosis_date", false),
                code(row, "cd_pattern", CdPattern.VOCABULARY, false));
    }

    private String visitProblem(Map<String, String> row) {
        return first(
                id(row, "visit_id", true),
                id(row, "patient_id", true),
                date(row, "visit_date", true),
                code(row, "product", Product.VOCABULARY, true),
                code(row, "muscle", Muscle.VOCABULARY, true),
                code(row, "side", Side.VOCABULARY, true),
                positiveNumber(row.get("dose_units")),
                code(row, "guidance", Guidance.VOCABULARY, false),
                id(row, "site_id", false));
    }

    private String symptomProblem(Map<String, String> row) {
        String kindProblem = code(row, "kind", SymptomKind.VOCABULARY, true);
        String early = first(id(row, "record_id", false), id(row, "patient_id", true), date(row, "recorded_on", true), kindProblem);
        if (early != null) {
            return early;
        }
        SymptomKind kind = SymptomKind.VOCABULARY.find(row.get("kind")).orElseThrow();
        String term = row.get("term");
        String value = row.get("value");
        String termAndValue = switch (kind) {
            case RELIEF_ONSET, RELIEF_WEAR_OFF -> null;
            case ADVERSE_EVENT -> first(code(row, "term", AdverseEventTerm.VOCABULARY, true),
                    value == null ? null : numberProblem(value, "value", Limits::validGrade));
            case SCORE -> {
                String termProblem = code(row, "term", ScoreTerm.VOCABULARY, true);
                if (termProblem != null) {
                    yield termProblem;
                }
                if (value == null) {
                    yield "MISSING_FIELD value";
                }
                ScoreTerm score = ScoreTerm.VOCABULARY.find(term).orElseThrow();
                yield numberProblem(value, "value", score::inRange);
            }
        };
        return first(termAndValue, id(row, "visit_id", false), code(row, "source", Source.VOCABULARY, false));
    }

    private static String first(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String id(Map<String, String> row, String column, boolean required) {
        String value = row.get(column);
        if (value == null) {
            return required ? "MISSING_FIELD " + column : null;
        }
        return Limits.validId(value) ? null : "OUT_OF_RANGE " + column;
    }

    private static String code(Map<String, String> row, String column, Vocabulary<?> vocabulary, boolean required) {
        String value = row.get(column);
        if (value == null) {
            return required ? "MISSING_FIELD " + column : null;
        }
        return vocabulary.find(value).isPresent() ? null : "UNKNOWN_CODE " + column;
    }

    private String date(Map<String, String> row, String column, boolean required) {
        String value = row.get(column);
        if (value == null) {
            return required ? "MISSING_FIELD " + column : null;
        }
        LocalDate date = parseDate(value);
        if (date == null) {
            return "BAD_DATE " + column;
        }
        return date.isAfter(today) ? "FUTURE_DATE " + column : null;
    }

    private String birthYear(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Limits.validBirthYear(Integer.parseInt(value), today) ? null : "OUT_OF_RANGE birth_year";
        } catch (NumberFormatException e) {
            return "BAD_NUMBER birth_year";
        }
    }

    private static String positiveNumber(String value) {
        if (value == null) {
            return "MISSING_FIELD dose_units";
        }
        return numberProblem(value, "dose_units", number -> number.signum() > 0);
    }

    private static String numberProblem(String value, String column, Predicate<BigDecimal> inRange) {
        try {
            return inRange.test(new BigDecimal(value)) ? null : "OUT_OF_RANGE " + column;
        } catch (NumberFormatException e) {
            return "BAD_NUMBER " + column;
        }
    }

    /** Strict ISO: 2025-02-30 does not exist. */
    static LocalDate parseDate(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
