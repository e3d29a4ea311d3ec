package io.portcullis.runtime.evidence;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM's and the process's meters in the node's registry, from Micrometer's binders: heap and non-heap memory
 * by pool and the direct and mapped buffer pools ({@code jvm_memory_*}, {@code jvm_buffer_*}), garbage collection
 * pauses, allocation and promotion ({@code jvm_gc_*}), threads by state ({@code jvm_threads_*}), loaded classes
 * ({@code jvm_classes_*}), CPU use of the process and the system ({@code process_cpu_usage},
 * {@code system_cpu_*}), uptime and start time ({@code process_uptime_seconds}, {@code process_start_time_seconds})
 * and open file descriptors against their limit ({@code process_files_open_files}, {@code process_files_max_files}:
 * every connection holds one). The GC meters listen to the JVM's notifications until {@link #close()}.
 */
public final class ProcessMeters implements AutoCloseable {

    private final JvmGcMetrics gc = new JvmGcMetrics();

    private ProcessMeters(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Registers the meters in {@code registry}. */
    public static ProcessMeters bind(MeterRegistry registry) {
        return new ProcessMeters(registry);
    }

    @Override
    public void close() {
        gc.close();
    }
}
