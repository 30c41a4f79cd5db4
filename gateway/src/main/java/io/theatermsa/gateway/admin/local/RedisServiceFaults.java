package io.theatermsa.gateway.admin.local;

import io.theatermsa.gateway.admin.ServiceFaults;
import io.theatermsa.platform.fault.Fault;
import io.theatermsa.platform.fault.FaultChannel;

import java.util.List;

/** The service faults in the stack's Redis, the store {@code theater fault} writes and every instance reads. */
public final class RedisServiceFaults implements ServiceFaults {

    private final FaultChannel faults;

    public RedisServiceFaults(FaultChannel faults) {
        this.faults = faults;
    }

    @Override
    public List<Fault> faults() {
        return faults.all();
    }

    @Override
    public void inject(Fault fault) {
        faults.pruneExpired(fault.created());
        faults.publish(fault);
    }

    @Override
    public boolean clearFault(String id) {
        return faults.clear(id);
    }

    @Override
    public long clearFaults() {
        return faults.clearAll();
    }
}
