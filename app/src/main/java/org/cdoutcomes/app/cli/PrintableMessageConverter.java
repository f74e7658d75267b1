package org.cdoutcomes.app.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.cdoutcomes.model.text.Printable;

/**
 * A log line's message with its control characters escaped (logback.xml's {@code %printableMsg}): a message may name a
 * file whose name came with an export, and a line break there would forge a log line, an escape sequence steer the
 * terminal. Every log line of cdo is one line.
 */
public class PrintableMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Printable.of(super.convert(event));
    }
}
