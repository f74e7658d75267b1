package org.cdoutcomes.model.vocabulary;

/** Injected neck muscles, each with its default muscle group (configuration may regroup them, see {@link MuscleGroups}). */
public enum Muscle implements Coded {
    STERNOCLEIDOMASTOID("sternocleidomastoid", "sternocleidomastoid", "SCM", "sternomastoid"),
    SPLENIUS_CAPITIS("splenius_capitis", "splenius_capitis", "splenius", "SPC"),
    SPLENIUS_CERVICIS("splenius_cervicis", "splenius_cervicis"),
    LEVATOR_SCAPULAE("levator_scapulae", "levator_scapulae", "levator", "LS"),
    TRAPEZIUS("trapezius", "trapezius", "upper trapezius", "trap"),
    SCALENUS_ANTERIOR("scalenus_anterior", "scalenes", "anterior scalene"),
    SCALENUS_MEDIUS("scalenus_medius", "scalenes", "middle scalene"),
    SCALENUS_POSTERIOR("scalenus_posterior", "scalenes", "posterior scalene"),
    SEMISPINALIS_CAPITIS("semispinalis_capitis", "semispinalis_capitis"),
    SEMISPINALIS_CERVICIS("semispinalis_cervicis", "semispinalis_cervicis"),
    LONGISSIMUS_CAPITIS("longissimus_capitis", "longissimus_capitis"),
    OBLIQUUS_CAPITIS_INFERIOR("obliquus_capitis_inferior", "obliquus_capitis_inferior", "OCI"),
    LONGUS_COLLI("longus_colli", "longus_colli");

    public static final Vocabulary<Muscle> VOCABULARY = Vocabulary.of(Muscle.class);

    private final Code code;
    private final String defaultGroup;

    Muscle(String id, String defaultGroup, String... aliases) {
        this.code = Code.of(id, aliases);
        this.defaultGroup = defaultGroup;
    }

    @Override
    public Code code() {
        return code;
    }

    public String defaultGroup() {
        return defaultGroup;
    }
}
