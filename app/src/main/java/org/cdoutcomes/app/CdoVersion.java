package org.cdoutcomes.app;

import picocli.CommandLine.IVersionProvider;

/** The version of the running jar, as Maven wrote it into the manifest. */
public class CdoVersion implements IVersionProvider {
    public static String version() {
        String version = CdoVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"cdo " + version()};
    }
}
