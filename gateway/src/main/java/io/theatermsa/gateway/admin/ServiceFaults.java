package io.theatermsa.gateway.admin;

import io.theatermsa.platform.fault.Fault;

import java.util.List;

/**
 * The service-level faults in force ({@code theater fault}'s): kept where every instance of the cinema reads
 * them. Only a mode whose gateway reaches that store offers this role (the gateway on Kubernetes has no Redis).
 */
public interface ServiceFaults {

    /** The faults in force, oldest first. */
    List<Fault> faults();

    /** Puts {@code fault} in force and announces it to every instance. */
    void inject(Fault fault);

    /** Ends fault {@code id}; false when there is none. */
    boolean clearFault(String id);

    /** Ends every fault; returns how many were stored. */
    long clearFaults();
}
