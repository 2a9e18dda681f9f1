package org.optsearch.cluster;

import com.hazelcast.cluster.Member;

/** A JVM with evaluation slots, as the dispatcher sees it: the coordinator (member null) or a worker. */
final class Place {
    final Member member;
    final String name;
    final int slots;
    /** The number the store records for evaluations done here (the first of its slots). */
    final int firstWorker;
    /** Slots taken (guarded by the dispatcher). */
    int busy;
    /** Whether the member left (guarded by the dispatcher). */
    boolean gone;
    /** Stages it returned a result on, so holds the start program's results for (guarded by the dispatcher). */
    final java.util.Set<org.optsearch.search.StageName> warm = java.util.EnumSet.noneOf(
            org.optsearch.search.StageName.class);

    Place(Member member, String name, int slots, int firstWorker) {
        this.member = member;
        this.name = name;
        this.slots = slots;
        this.firstWorker = firstWorker;
    }
}
