package org.optsearch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optsearch.search.StageName;

/** The shared secret: what it names, what it signs, and what it refuses; and the addresses it guards. */
class SecretTest {
    private static final Secret TOKEN = Secret.of("correct horse battery staple");

    @Test
    void anotherTokenIsAnotherClusterAndTheNameDoesNotHoldTheToken() {
        assertNotEquals(TOKEN.clusterName(), Secret.of("correct horse battery stapler").clusterName());
        assertEquals(TOKEN.clusterName(), Secret.of("correct horse battery staple").clusterName());
        assertFalse(TOKEN.clusterName().contains("horse"));
        assertFalse(TOKEN.toString().contains("horse"), "never printed");
        assertFalse(Secret.of(null).given());
    }

    @Test
    void aShortTokenIsRefusedWithWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Secret.of("short"));
        assertTrue(e.getMessage().contains("at least 12"), e.getMessage());
    }

    @Test
    void aReplyChangedOnTheWayOrSignedWithAnotherTokenDoesNotVerify() {
        UUID worker = UUID.randomUUID();
        Wire.Reply reply = new Wire.Reply(7, 1, "w", 0.93, List.of(), null, false, 0, 0.316, null);
        byte[] mac = TOKEN.mac(reply.canonical(worker));
        assertTrue(TOKEN.verify(reply.canonical(worker), mac));
        Wire.Reply better = new Wire.Reply(7, 1, "w", 0.99, List.of(), null, false, 0, 0.316, null);
        assertFalse(TOKEN.verify(better.canonical(worker), mac), "a changed fitness");
        Wire.Reply rescaled = new Wire.Reply(7, 1, "w", 0.93, List.of(), null, false, 0, 1.0, null);
        assertFalse(TOKEN.verify(rescaled.canonical(worker), mac), "a changed multiplier");
        Wire.Reply other = new Wire.Reply(8, 1, "w", 0.93, List.of(), null, false, 0, 0.316, null);
        assertFalse(TOKEN.verify(other.canonical(worker), mac), "another evaluation's id");
        assertFalse(TOKEN.verify(reply.canonical(UUID.randomUUID()), mac), "passed on by another member");
        assertFalse(Secret.of("another token entirely").verify(reply.canonical(worker), mac));
        assertFalse(TOKEN.verify(reply.canonical(worker), null));
    }

    @Test
    void aRequestSignsItsProgramsTasksStageMultiplierCalibrationAndReference() {
        Wire.Request r = request("start", StageName.A, "digits-mlp:S", 1.0, List.of(0.316, 1.0, 3.16), 2);
        byte[] mac = TOKEN.mac(r.canonical());
        assertTrue(TOKEN.verify(r.canonical(), mac));
        List<Wire.Request> changed = List.of(
                request("start", StageName.A, "digits-mlp:M", 1.0, List.of(0.316, 1.0, 3.16), 2),
                request("start", StageName.A2, "digits-mlp:S", 1.0, List.of(0.316, 1.0, 3.16), 2),
                request("start", StageName.A, "digits-mlp:S", 3.16, List.of(0.316, 1.0, 3.16), 2),
                request("start", StageName.A, "digits-mlp:S", 1.0, List.of(1.0), 2),
                request("start", StageName.A, "digits-mlp:S", 1.0, List.of(0.316, 1.0, 3.16), 3),
                request("calibrated start", StageName.A, "digits-mlp:S", 1.0, List.of(0.316, 1.0, 3.16), 2),
                request("start", StageName.A, "digits-mlp:S", 1.0, List.of(0.316, 1.0, 3.16), 2, 0.25));
        for (Wire.Request c : changed) {
            assertFalse(TOKEN.verify(c.canonical(), mac), c.toString());
        }
    }

    private static Wire.Request request(String start, StageName stage, String task, double multiplier,
            List<Double> calibration, int rungs) {
        return request(start, stage, task, multiplier, calibration, rungs, 0.5);
    }

    private static Wire.Request request(String start, StageName stage, String task, double multiplier,
            List<Double> calibration, int rungs, double referenceLoss) {
        List<Wire.Result> reference = List.of(new Wire.Result(task, "start", 100, referenceLoss, 0.9, 0.9, null, 1.5,
                new double[] {50, 0.7, 0.6, 0.8, 100, 0.6, referenceLoss, 0.9}));
        return new Wire.Request(1, 1, start, stage, List.of(new Wire.TaskRef(task, null, List.of())), 2.0,
                multiplier, calibration, rungs, "candidate text", "candidate 1", 1_000, reference, List.of());
    }

    @Test
    void listeningBeyondLoopbackNeedsAToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.of(HostPort.parse("0.0.0.0:5701", "--listen"), 0, Secret.of(null)));
        assertTrue(e.getMessage().contains("--token"), e.getMessage());
        ClusterSettings.of(HostPort.parse("0.0.0.0:5701", "--listen"), 0, TOKEN);
        ClusterSettings.of(HostPort.parse("127.0.0.1", "--listen"), 0, Secret.of(null));
    }

    @Test
    void addressesAreParsedOrRefusedNamingTheFlag() {
        assertEquals(new HostPort("10.0.0.1", 5701), HostPort.parse("10.0.0.1", "--join"));
        assertEquals(new HostPort("localhost", 6000), HostPort.parse("localhost:6000", "--join"));
        for (String bad : List.of("host:port", "host:0", ":5701", "host:70000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HostPort.parse(bad, "--join"), bad);
            assertTrue(e.getMessage().startsWith("--join: '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void aWorkerListensOnThePortItIsGivenOrOnAFreeOne() throws Exception {
        HostPort join = HostPort.parse("127.0.0.1:5701", "--join");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertEquals(port, Members.worker(join, TOKEN, 1, port, 15).getNetworkConfig().getPort());
        int free = Members.worker(join, TOKEN, 1, 0, 15).getNetworkConfig().getPort();
        assertTrue(free > 0 && free != 5701, "a free port: " + free);
    }
}
