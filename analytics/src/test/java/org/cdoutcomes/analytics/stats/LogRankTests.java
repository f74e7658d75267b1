package org.cdoutcomes.analytics.stats;

import static org.cdoutcomes.analytics.stats.RReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdoutcomes.analytics.stats.RReference.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Against R survdiff(rho = 0): src/test/R/logrank_reference.R. */
class LogRankTests {

    static List<String> fixtures() {
        return RReference.distinct("logrank_expected.csv", "fixture");
    }

    /** The fixture's groups in order of first appearance. */
    static List<SurvivalCounts> groups(String fixture) {
        Map<String, SurvivalCounts> groups = new LinkedHashMap<>();
        for (Row row : RReference.read("logrank_fixtures.csv", "fixture", fixture)) {
            SurvivalCounts counts = groups.computeIfAbsent(row.text("group"), g -> new SurvivalCounts());
            if (row.integer("event") == 1) {
                counts.addEvent(row.integer("day"));
            } else {
                counts.addCensored(row.integer("day"));
            }
        }
        return new ArrayList<>(groups.values());
    }

    static void assertMatchesR(String fixture, LogRank.Result result) {
        Row r = RReference.read("logrank_expected.csv", "fixture", fixture).get(0);
        assertEquals(r.integer("df"), result.df(), "df");
        assertClose(r.number("chi_square"), result.chiSquare(), "chi-square");
        Double p = r.number("p_value");
        if (p == null) {
            assertNull(result.pValue());
        } else {
            assertNotNull(result.pValue());
            // Relative, so that a p of 1e-286 is checked to its digits too.
            RReference.assertRelativelyClose(p, result.pValue(), RReference.TOLERANCE, "p");
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void matchesSurvdiff(String fixture) {
        assertMatchesR(fixture, LogRank.test(groups(fixture)));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void doesNotDependOnGroupOrder(String fixture) {
        List<SurvivalCounts> reversed = new ArrayList<>(groups(fixture));
        Collections.reverse(reversed);
        assertMatchesR(fixture, LogRank.test(reversed));
    }

    @Test
    void amlMaintenanceTrial() {
        LogRank.Result aml = LogRank.test(groups("aml"));
        assertEquals(3.40, aml.chiSquare(), 0.005);
        assertEquals(1, aml.df());
        assertEquals(0.065, aml.pValue(), 0.0005);
    }

    @Test
    void groupWithoutCyclesIsDropped() {
        List<SurvivalCounts> withEmpty = new ArrayList<>(groups("aml"));
        withEmpty.add(1, new SurvivalCounts());
        assertMatchesR("aml", LogRank.test(withEmpty));
    }

    @Test
    void singleGroupGivesNothing() {
        assertEquals(new LogRank.Result(null, null, null), LogRank.test(groups("aml").subList(0, 1)));
        assertEquals(new LogRank.Result(null, null, null), LogRank.test(List.of()));
    }
}
