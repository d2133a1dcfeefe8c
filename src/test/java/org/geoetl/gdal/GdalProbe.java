package org.geoetl.gdal;

import org.gdal.osr.SpatialReference;

/**
 * Run in a child JVM by GdalNoNetworkIT: loads GDAL with the service's hardening and hands it URLs
 * and virtual network paths directly. Prints one line per attempt; GDAL's own failure paths stay
 * out of the test JVM's heap.
 */
public final class GdalProbe {

    private GdalProbe() {
    }

    public static void main(String[] args) {
        GdalRuntime runtime = new GdalRuntime();
        runtime.require();
        String base = args[0];
        SpatialReference srs = new SpatialReference();
        try {
            srs.SetFromUserInput(base + "/x.wkt");
            System.out.println("srs=" + srs.GetName());
        } catch (RuntimeException e) {
            System.out.println("srs=refused");
        }
        for (String path : new String[] {"/vsicurl/" + base + "/a.tif", "/vsizip//vsicurl/" + base + "/c.zip",
                base + "/b.geojson"}) {
            System.out.println("open " + path.replace(base, "") + "=" + opens(path));
        }
        System.out.println("postgresql-driver=" + (org.gdal.ogr.ogr.GetDriverByName("PostgreSQL") != null));
    }

    private static boolean opens(String path) {
        try {
            return org.gdal.gdal.gdal.OpenEx(path) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
