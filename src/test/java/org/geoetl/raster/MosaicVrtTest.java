package org.geoetl.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MosaicVrtTest {

    @Test
    void eachSourceIsLaidAtItsPlaceAndACoarserOneCoversMorePixels() {
        // a 100 x 50 raster of 1 m pixels, and beside it a 50 x 25 raster of 2 m pixels
        String xml = MosaicVrt.xml(200, 50, new double[] {1000, 1, 0, 5000, 0, -1}, "EPSG:32633", "1,2", 1, "Byte", 0.0,
                List.of(new MosaicVrt.Source("a.tif", 100, 50, new double[] {1000, 1, 0, 5000, 0, -1}),
                        new MosaicVrt.Source("b/c.tif", 50, 25, new double[] {1100, 2, 0, 5000, 0, -2})));
        assertThat(xml).contains("<DstRect xOff=\"0\" yOff=\"0\" xSize=\"100\" ySize=\"50\"/>")
                .contains("<DstRect xOff=\"100\" yOff=\"0\" xSize=\"100\" ySize=\"50\"/>")
                .contains("<SrcRect xOff=\"0\" yOff=\"0\" xSize=\"50\" ySize=\"25\"/>")
                .contains("<SourceFilename relativeToVRT=\"1\">b/c.tif</SourceFilename>")
                .contains("<NoDataValue>0</NoDataValue>");
    }
}
