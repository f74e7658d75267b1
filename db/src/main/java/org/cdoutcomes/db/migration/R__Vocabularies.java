package org.cdoutcomes.db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cdoutcomes.model.vocabulary.AdverseEventTerm;
import org.cdoutcomes.model.vocabulary.CdPattern;
import org.cdoutcomes.model.vocabulary.Coded;
import org.cdoutcomes.model.vocabulary.Guidance;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.ScoreTerm;
import org.cdoutcomes.model.vocabulary.Sex;
import org.cdoutcomes.model.vocabulary.Side;
import org.cdoutcomes.model.vocabulary.Source;
import org.cdoutcomes.model.vocabulary.SymptomKind;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Makes the database check codes against the one list in code, the model's enums: (re)creates a CHECK constraint
 * per vocabulary column (CHECKs are evaluated in line; foreign keys to lookup tables cost a trigger query per row,
 * see V4) and fills the vocabulary tables for SQL readers. Repeatable: its checksum is the SQL it runs, so Flyway
 * runs it again whenever a code is added or removed.
 */
public class R__Vocabularies extends BaseJavaMigration {

    /** A vocabulary column: the table and column it checks, and the lookup table listing the same codes. */
    private record Column(String table, String column, String lookup, List<? extends Coded> codes) {
        String constraint() {
            return table + "_" + column + "_vocabulary";
        }
    }

    private static List<Column> columns() {
        return List.of(
                new Column("patient", "sex", "sex", List.of(Sex.values())),
                new Column("patient", "cd_pattern", "cd_pattern", List.of(CdPattern.values())),
                new Column("visit", "product", "product", List.of(Product.values())),
                new Column("visit_muscle", "muscle", "muscle", List.of(Muscle.values())),
                new Column("visit_muscle", "side", "side", List.of(Side.values())),
                new Column("visit_muscle", "guidance", "guidance", List.of(Guidance.values())),
                new Column("symptom", "kind", "symptom_kind", List.of(SymptomKind.values())),
                new Column("symptom", "source", "symptom_source", List.of(Source.values())));
    }

    private static Map<String, List<? extends Coded>> termsByKind() {
        Map<String, List<? extends Coded>> terms = new LinkedHashMap<>();
        terms.put(SymptomKind.ADVERSE_EVENT.id(), List.of(AdverseEventTerm.values()));
        terms.put(SymptomKind.SCORE.id(), List.of(ScoreTerm.values()));
        return terms;
    }

    /** The statements of this migration, in order; a null column's check passes, as a foreign key's did. */
    static List<String> statements() {
        List<String> sql = new ArrayList<>();
        for (Column c : columns()) {
            sql.add("alter table " + c.table() + " drop constraint if exists " + c.constraint() + ", add constraint "
                    + c.constraint() + " check (" + c.column() + " in (" + c.codes().stream().map(x -> literal(x.id()))
                    .collect(Collectors.joining(", ")) + "))");
            sql.add("insert into " + c.lookup() + " (id) values " + c.codes().stream().map(x -> "(" + literal(x.id()) + ")")
                    .collect(Collectors.joining(", ")) + " on conflict do nothing");
        }
        String pairs = termsByKind().entrySet().stream()
                .flatMap(k -> k.getValue().stream().map(t -> "(" + literal(k.getKey()) + ", " + literal(t.id()) + ")"))
                .collect(Collectors.joining(", "));
        sql.add("alter table symptom drop constraint if exists symptom_term_vocabulary, add constraint symptom_term_vocabulary "
                + "check (term is null or (kind, term) in (" + pairs + "))");
        sql.add("insert into symptom_term (kind, id) values " + pairs + " on conflict do nothing");
        return sql;
    }

    private static String literal(String code) {
        return "'" + code.replace("'", "''") + "'";
    }

    @Override
    public Integer getChecksum() {
        return String.join(";\n", statements()).hashCode();
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement s = connection.createStatement()) {
            for (String sql : statements()) {
                s.execute(sql);
            }
        }
    }
}
