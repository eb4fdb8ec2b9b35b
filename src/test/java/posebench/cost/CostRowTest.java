package posebench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CostRowTest {

    @Test
    void inf1XlargeCostsSevenTenthsOfACentPer1000Images() {
        CostRow row = new CostRow("inf1.xlarge", "article", 0.0703, 0.368);
        assertEquals(0.0072, row.usdPer1000Images(), 0.00005);
        assertEquals(14.22, row.fps(), 0.005);
        assertEquals(70.3, row.secondsPer1000Images(), 1e-9);
    }

    /** The article's published table: s/image and $/h in, FPS and $/1000 images (as rounded there) out. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "inf1.xlarge, 0.0703, 14.22, 0.368, 0.007",
            "inf1.2xlarge, 0.0677, 14.77, 0.584, 0.011",
            "inf1.6xlarge, 0.0656, 15.24, 1.904, 0.035",
            "g4dn.xlarge, 0.1708, 5.85, 0.526, 0.025",
            "g4dn.2xlarge, 0.1526, 6.55, 0.752, 0.032",
            "g4dn.4xlarge, 0.1477, 6.77, 1.204, 0.049",
            "g4dn.8xlarge, 0.1427, 7.01, 2.176, 0.086"})
    void catalogueReproducesTheArticlesRow(String name, double secondsPerImage, double fps, double usdPerHour,
                                           double usdPer1000) {
        CostRow row = InstanceCatalogue.load().articleRows().stream()
                .filter(r -> r.instance().equals(name) && r.run().equals("article")).findFirst().orElseThrow();
        assertEquals(secondsPerImage, row.secondsPerImage(), 1e-12);
        assertEquals(usdPerHour, row.usdPerHour(), 1e-12);
        assertEquals(fps, row.fps(), 0.005);
        assertEquals(usdPer1000, row.usdPer1000Images(), 0.0005);
    }

    @Test
    void dataParallelRunIsUnderTwoTenthsOfACent() {
        List<CostRow> parallel = InstanceCatalogue.load().articleRows().stream()
                .filter(r -> r.run().contains("data parallel")).toList();
        assertEquals(1, parallel.size());
        assertEquals("inf1.xlarge", parallel.get(0).instance());
        assertEquals(56.88, parallel.get(0).fps(), 1e-9);
        assertTrue(parallel.get(0).usdPer1000Images() < 0.002);
        assertEquals(0.0018, parallel.get(0).usdPer1000Images(), 0.00005);
    }

    @Test
    void catalogueHasTheArticlesSevenInstancesAndTwoVcpuCpuInstances() {
        InstanceCatalogue catalogue = InstanceCatalogue.load();
        assertEquals(8, catalogue.articleRows().size());
        Instance c7a = catalogue.byName("c7a.large");
        assertEquals(2, c7a.vcpus());
        assertTrue(c7a.articleSecondsPerImage().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalogue.byName("m5.large"));
        assertTrue(e.getMessage().contains("inf1.xlarge") && e.getMessage().contains("c7a.large"), e.getMessage());
    }

    @Test
    void malformedCatalogueLinesNameTheLine() {
        String header = "name,usd_per_hour,vcpus,accelerator,article_s_per_image,article_parallel_fps";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstanceCatalogue.parse(List.of("# comment", header, "x,abc,2,none,,")));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InstanceCatalogue.parse(List.of("name,price")));
        assertThrows(IllegalArgumentException.class, () -> new CostRow("x", "y", 0, 1));
    }
}
