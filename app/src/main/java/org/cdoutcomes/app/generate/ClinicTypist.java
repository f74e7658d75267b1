package org.cdoutcomes.app.generate;

import java.util.List;
import java.util.Locale;
import org.cdoutcomes.model.vocabulary.AdverseEventTerm;
import org.cdoutcomes.model.vocabulary.CdPattern;
import org.cdoutcomes.model.vocabulary.Coded;
import org.cdoutcomes.model.vocabulary.Guidance;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.Sex;
import org.cdoutcomes.model.vocabulary.Side;
import org.cdoutcomes.model.vocabulary.Source;
import org.cdoutcomes.model.vocabulary.SymptomKind;

/**
 * How staff type codes into a clinic's exports: mostly the canonical id, often a brand name or an
 * abbreviation (Botox, SCM, L/R/B), sometimes a display form (Upper-Trapezius, Relief onset). Every form
 * it types is one the vocabularies accept.
 */
final class ClinicTypist {
    private final Draw draw;

    ClinicTypist(Draw draw) {
        this.draw = draw;
    }

    String product(Product product) {
        double u = draw.uniform();
        List<String> aliases = product.aliases();
        if (u < 0.65) {
            return product.id();
        }
        if (u < 0.90) {
            return aliases.get(0);
        }
        if (u < 0.95) {
            return aliases.get(aliases.size() - 1);
        }
        return aliases.get(0).toUpperCase(Locale.ROOT);
    }

    String muscle(Muscle muscle) {
        double u = draw.uniform();
        if (u < 0.75) {
            return muscle.id();
        }
        String alias = muscle.aliases().isEmpty() ? muscle.id() : muscle.aliases().get(draw.below(muscle.aliases().size()));
        return u < 0.90 ? alias : displayForm(alias);
    }

    String side(Side side) {
        double u = draw.uniform();
        if (u < 0.65) {
            return side.id();
        }
        return u < 0.95 ? side.aliases().get(0) : displayForm(side.id());
    }

    String guidance(Guidance guidance) {
        return draw.chance(0.95) ? guidance.id() : guidance.id().toUpperCase(Locale.ROOT);
    }

    String kind(SymptomKind kind) {
        return draw.chance(0.95) ? kind.id() : displayForm(kind.id());
    }

    String adverseEvent(AdverseEventTerm term) {
        double u = draw.uniform();
        if (u < 0.85) {
            return term.id();
        }
        return u < 0.93 && !term.aliases().isEmpty() ? term.aliases().get(0) : displayForm(term.id());
    }

    String sex(Sex sex) {
        return draw.chance(0.9) ? sex.id() : sex.id().toLowerCase(Locale.ROOT);
    }

    String cdPattern(CdPattern pattern) {
        return codeOrDisplay(pattern);
    }

    String source(Source source) {
        return codeOrDisplay(source);
    }

    private String codeOrDisplay(Coded code) {
        return draw.chance(0.95) ? code.id() : displayForm(code.id());
    }

    /** "upper trapezius" as "Upper-Trapezius" or "Upper Trapezius": words capitalised, spaces or hyphens between. */
    private String displayForm(String code) {
        char separator = draw.chance(0.5) ? ' ' : '-';
        StringBuilder typed = new StringBuilder(code.length());
        boolean wordStart = true;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '_' || c == ' ' || c == '-') {
                typed.append(separator);
                wordStart = true;
            } else {
                typed.append(wordStart ? Character.toUpperCase(c) : c);
                wordStart = false;
            }
        }
        return typed.toString();
    }
}
