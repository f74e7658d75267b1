package org.cdoutcomes.model.vocabulary;

import java.math.BigDecimal;

/** Botulinum toxin products; units are the product's own and never added across products. */
public enum Product implements Coded {
    ONABOTULINUMTOXIN_A("onabotulinumtoxinA", "400", "Botox", "onaBoNT-A"),
    ABOBOTULINUMTOXIN_A("abobotulinumtoxinA", "1500", "Dysport", "aboBoNT-A"),
    INCOBOTULINUMTOXIN_A("incobotulinumtoxinA", "400", "Xeomin", "incoBoNT-A"),
    RIMABOTULINUMTOXIN_B("rimabotulinumtoxinB", "15000", "Myobloc", "NeuroBloc", "rimaBoNT-B"),
    DAXIBOTULINUMTOXIN_A("daxibotulinumtoxinA", "500", "Daxxify", "daxiBoNT-A");

    public static final Vocabulary<Product> VOCABULARY = Vocabulary.of(Product.class);

    private final Code code;
    private final BigDecimal usualMaxVisitUnits;

    Product(String id, String usualMaxVisitUnits, String... aliases) {
        this.code = Code.of(id, aliases);
        this.usualMaxVisitUnits = new BigDecimal(usualMaxVisitUnits);
    }

    @Override
    public Code code() {
        return code;
    }

    /** A visit whose total exceeds this gets a DOSE_ABOVE_USUAL_MAX warning. */
    public BigDecimal usualMaxVisitUnits() {
        return usualMaxVisitUnits;
    }
}
