package org.cdoutcomes.model.vocabulary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps docs/input-formats.md in step with the code: every code and alias the code accepts is documented there. */
class DocumentedVocabularyTests {

    @Test
    void everyProductMuscleAndAliasIsInTheUserDocs() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "input-formats.md"));
        for (Product product : Product.values()) {
            assertTableRow(docs, product.id(), String.join(", ", product.aliases()), product.usualMaxVisitUnits() + " U");
        }
        for (Muscle muscle : Muscle.values()) {
            assertTableRow(docs, muscle.id(), String.join(", ", muscle.aliases()), muscle.defaultGroup());
        }
        for (ScoreTerm term : ScoreTerm.values()) {
            assertTrue(docs.contains("`" + term.id() + "` " + term.min() + "-" + term.max()), term.id());
        }
        for (AdverseEventTerm term : AdverseEventTerm.values()) {
            assertTrue(docs.contains("`" + term.id() + "`"), term.id());
            term.aliases().forEach(alias -> assertTrue(docs.contains(alias), alias));
        }
    }

    private static void assertTableRow(String docs, String id, String aliases, String last) {
        String row = "| " + id + " | " + aliases + (aliases.isEmpty() ? "" : " ") + "| " + last + " |";
        assertTrue(docs.contains(row), "docs/input-formats.md lacks the row " + row);
    }
}
