package org.cdoutcomes.db.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What cdo says of a data folder this account may not use. Tests run as root here, which permissions do not stop, so the
 * refusal is built from the exception Java throws then (found by running cdo as another account on a root-made folder).
 */
class EmbeddedDatabaseRefusalTests {
    @Test
    void aFolderThisAccountCannotWriteIsSaidToBeOneWithTheReasonAndWhatWouldDo() {
        Path folder = Path.of("/srv/clinic/cdo-data");
        EmbeddedDatabaseException refusal = EmbeddedDatabase.unusable(folder, new AccessDeniedException("/srv/clinic/cdo-data/server.lock"),
                "cannot be read or written", "a folder this account can write");
        // its message was the path alone: "cannot use the data folder /srv/clinic/cdo-data: /srv/clinic/cdo-data/server.lock"
        assertEquals("cannot use the data folder /srv/clinic/cdo-data: /srv/clinic/cdo-data/server.lock cannot be read or written "
                + "(permission denied); name a folder this account can write (--data-dir)", refusal.getMessage());
    }
}
