package org.cdoutcomes.db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Fills the vocabulary tables from the model's enums, so the database checks codes against the one list in code.
 * Repeatable: its checksum is the vocabulary itself, so Flyway re-runs it whenever a code is added.
 */
public class R__Vocabularies extends BaseJavaMigration {

    private static Map<String, List<? extends Coded>> tables() {
        Map<String, List<? extends Coded>> tables = new LinkedHashMap<>();
        tables.put("product", List.of(Product.values()));
        tables.put("muscle", List.of(Muscle.values()));
        tables.put("side", List.of(Side.values()));
        tables.put("sex", List.of(Sex.values()));
        tables.put("guidance", List.of(Guidance.values()));
        tables.put("cd_pattern", List.of(CdPattern.values()));
        tables.put("symptom_source", List.of(Source.values()));
        tables.put("symptom_kind", List.of(SymptomKind.values()));
        return tables;
    }

    private static Map<String, List<? extends Coded>> termsByKind() {
        return Map.of(SymptomKind.ADVERSE_EVENT.id(), List.of(AdverseEventTerm.values()),
                SymptomKind.SCORE.id(), List.of(ScoreTerm.values()));
    }

    @Override
    public Integer getChecksum() {
        StringBuilder all = new StringBuilder();
        tables().forEach((table, codes) -> codes.forEach(c -> all.append(table).append(':').append(c.id()).append('\n')));
        termsByKind().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> e.getValue().forEach(c -> all.append(e.getKey()).append(':').append(c.id()).append('\n')));
        return all.toString().hashCode();
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        for (Map.Entry<String, List<? extends Coded>> table : tables().entrySet()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into " + table.getKey() + " (id) values (?) on conflict do nothing")) {
                for (Coded code : table.getValue()) {
                    insert.setString(1, code.id());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into symptom_term (kind, id) values (?, ?) on conflict do nothing")) {
            for (Map.Entry<String, List<? extends Coded>> kind : termsByKind().entrySet()) {
                for (Coded term : kind.getValue()) {
                    insert.setString(1, kind.getKey());
                    insert.setString(2, term.id());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }
}

