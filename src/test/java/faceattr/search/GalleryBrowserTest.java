package faceattr.search;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.bench.SyntheticAttributeRecords;
import faceattr.data.Attributes;
import faceattr.embedded.EmbeddedKafka;
import faceattr.image.Jpeg;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The gallery in a real browser (Debian's headless chromium through chromium-driver and Selenium): a running search
 * over a known set of records and images; clicking attribute chips must show exactly the images the brute-force
 * oracle finds, each with its face boxes, and the detail view its attribute bars. Skipped only where chromium or its
 * driver is not installed ({@code .ci/run} installs them).
 */
@Tag("browser")
class GalleryBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final int IMAGES = 36;

    @TempDir
    Path tmp;

    @Test
    void chipsFilterTheGridToExactlyTheExpectedImagesWithTheirBoxes() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
        SyntheticAttributeRecords generator = new SyntheticAttributeRecords(Attributes.NAMES, 11);
        Map<String, FaceAttributes> records = new TreeMap<>();
        for (int i = 0; i < IMAGES; i++) {
            records.put(SyntheticAttributeRecords.id(i), generator.record(i, 0));
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
            kafka.createTopics(1, "images", "face-attributes");
            produce(kafka.bootstrapServers(), records);
            try (SearchInstance search = SearchInstance.start(SearchInstance.config(kafka.bootstrapServers(),
                    tmp.resolve("state"), "", Map.of("schema.registry.url", "mock://gallery-test")))) {
                assertTrue(search.search.awaitRunning(Duration.ofSeconds(60)));
                awaitIndexed(search, IMAGES);
                WebDriver browser = browser();
                try {
                    browser.get("http://127.0.0.1:" + search.http.port() + "/");
                    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                    wait.until(d -> shown(d).size() == IMAGES);

                    click(browser, "Eyeglasses");
                    Set<String> expected = BruteForce.hits(records.values(), List.of("Eyeglasses"), List.of(), null,
                            -1, -1, null);
                    assertTrue(expected.size() > 0 && expected.size() < IMAGES, "a filter that selects some");
                    awaitShown(wait, browser, expected);
                    assertEquals("include", chipState(browser, "Eyeglasses"));

                    click(browser, "Wearing_Hat");
                    click(browser, "Wearing_Hat");
                    expected = BruteForce.hits(records.values(), List.of("Eyeglasses"), List.of("Wearing_Hat"), null,
                            -1, -1, null);
                    awaitShown(wait, browser, expected);
                    assertEquals("exclude", chipState(browser, "Wearing_Hat"));
                    Map<String, Long> facets = BruteForce.facets(records.values(), expected, Attributes.NAMES, null);
                    assertEquals(String.valueOf(facets.get("Smiling")), chip(browser, "Smiling")
                            .findElement(By.className("count")).getText(), "facet count beside the chip");

                    for (WebElement card : browser.findElements(By.cssSelector("#grid .card"))) {
                        FaceAttributes r = records.get(card.getDomAttribute("data-image-id"));
                        List<WebElement> boxes = card.findElements(By.className("face-box"));
                        assertEquals(r.getFaces().size(), boxes.size(), "one box per face");
                        for (int f = 0; f < boxes.size(); f++) {
                            String left = boxes.get(f).getCssValue("left");
                            double frameWidth = card.findElement(By.className("frame")).getSize().getWidth();
                            double expectedLeft = r.getFaces().get(f).getBox().getLeft() * frameWidth;
                            assertEquals(expectedLeft, Double.parseDouble(left.replace("px", "")), 1.5,
                                    "box drawn where the record puts it");
                        }
                    }
                    wait.until(d -> d.findElements(By.cssSelector("#grid img")).stream()
                            .allMatch(img -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d)
                                    .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0",
                                            img))));

                    WebElement first = browser.findElements(By.cssSelector("#grid .card")).get(0);
                    String id = first.getDomAttribute("data-image-id");
                    first.click();
                    wait.until(d -> id.equals(d.findElement(By.id("detail")).getDomAttribute("data-image-id")));
                    List<WebElement> bars = browser.findElements(By.cssSelector("#detail-faces .bar"));
                    assertEquals(records.get(id).getFaces().size() * Attributes.COUNT, bars.size(),
                            "a bar per attribute per face");
                    click(browser, "Eyeglasses");
                    assertEquals("exclude", chipState(browser, "Eyeglasses"));
                    expected = BruteForce.hits(records.values(), List.of(), List.of("Eyeglasses", "Wearing_Hat"),
                            null, -1, -1, null);
                    awaitShown(wait, browser, expected);
                    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
                    assertTrue(shot.length() > 10_000, "a screenshot of the page");
                    Files.copy(shot.toPath(), Path.of("target", "gallery-test.png"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    browser.quit();
                }
            }
        }
    }

    static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void awaitShown(WebDriverWait wait, WebDriver browser, Set<String> expected) {
        try {
            wait.until(d -> shown(d).equals(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertEquals(expected, shown(browser), "the grid shows exactly the expected images");
        }
        assertFalse(browser.findElement(By.id("more")).isDisplayed(), "all hits on one page");
    }

    /** The image ids of the grid, read in one script (the grid is re-rendered as answers arrive). */
    @SuppressWarnings("unchecked")
    private static Set<String> shown(WebDriver d) {
        List<String> ids = (List<String>) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return Array.from(document.querySelectorAll('#grid .card')).map(c => c.dataset.imageId)");
        return new TreeSet<>(ids);
    }

    /**
     * Clicks a chip like a person, then waits until the page shows the chip's next state (the chips are re-rendered
     * when the answer arrives; a click before that could land on a chip about to be replaced).
     */
    private static void click(WebDriver d, String attribute) {
        String before = chipState(d, attribute);
        chip(d, attribute).click();
        new WebDriverWait(d, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(x -> !chipState(x, attribute).equals(before));
    }

    private static WebElement chip(WebDriver d, String attribute) {
        return d.findElement(By.cssSelector(".chip[data-attribute='" + attribute + "']"));
    }

    private static String chipState(WebDriver d, String attribute) {
        String cls = chip(d, attribute).getDomAttribute("class");
        return cls.contains("include") ? "include" : cls.contains("exclude") ? "exclude" : "off";
    }

    private static void awaitIndexed(SearchInstance s, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (s.search.localImageIds().size() < n) {
            assertTrue(System.nanoTime() < deadline, "indexed " + s.search.localImageIds().size() + " of " + n);
            Thread.sleep(100);
        }
    }

    private static void produce(String bootstrap, Map<String, FaceAttributes> records) throws Exception {
        Map<String, Object> serde = Map.of("schema.registry.url", "mock://gallery-test");
        try (ConfluentAvroSerde<FaceAttributes> out = AvroSerdes.forValue(FaceAttributes.class, serde);
             ConfluentAvroSerde<ImageEvent> in = AvroSerdes.forValue(ImageEvent.class, serde);
             var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<ProducerRecord<byte[], byte[]>> list = new ArrayList<>();
            int i = 0;
            for (FaceAttributes r : records.values()) {
                byte[] key = r.getImageId().getBytes(StandardCharsets.UTF_8);
                ImageEvent e = ImageEvent.newBuilder().setId(r.getImageId())
                        .setData(ByteBuffer.wrap(picture(r, i++))).setContentType("image/jpeg").build();
                list.add(new ProducerRecord<>("images", key, in.serializer().serialize("images", e)));
                list.add(new ProducerRecord<>("face-attributes", key, out.serializer().serialize("face-attributes", r)));
            }
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            list.forEach(r -> sent.add(producer.send(r)));
            producer.flush();
            for (var f : sent) {
                f.get();
            }
        }
    }

    /** A picture of the record's size with its face boxes painted, so the thumbnail shows where boxes go. */
    static byte[] picture(FaceAttributes r, int i) {
        BufferedImage img = new BufferedImage(r.getImageWidth(), r.getImageHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.getHSBColor((i * 0.13f) % 1f, 0.35f, 0.85f));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(new Color(230, 190, 160));
        r.getFaces().forEach(f -> g.fillOval(f.getBox().getX(), f.getBox().getY(), f.getBox().getWidth(),
                f.getBox().getHeight()));
        g.dispose();
        return Jpeg.encode(img, 90);
    }
}
