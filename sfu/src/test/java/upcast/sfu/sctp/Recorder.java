package upcast.sfu.sctp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Records everything an association reports, for assertions. */
final class Recorder implements SctpListener, DataChannelListener {
  boolean established;
  @Nullable String closedReason;
  final List<DataChannel> opened = new ArrayList<>();
  final List<DataChannel> closed = new ArrayList<>();
  final Map<Integer, List<Object>> messages = new LinkedHashMap<>();
  int messageCount;

  @Override
  public void onEstablished(SctpAssociation association) {
    established = true;
  }

  @Override
  public void onClosed(SctpAssociation association, String reason) {
    closedReason = reason;
  }

  @Override
  public void onOpen(DataChannel channel) {
    opened.add(channel);
  }

  @Override
  public void onText(DataChannel channel, String text) {
    messages.computeIfAbsent(channel.id(), k -> new ArrayList<>()).add(text);
    messageCount++;
  }

  @Override
  public void onBinary(DataChannel channel, byte[] data) {
    messages.computeIfAbsent(channel.id(), k -> new ArrayList<>()).add(data);
    messageCount++;
  }

  @Override
  public void onClose(DataChannel channel) {
    closed.add(channel);
  }

  List<Object> on(int id) {
    return messages.getOrDefault(id, List.of());
  }

  @Nullable DataChannel openedWithLabel(String label) {
    for (DataChannel c : opened) {
      if (c.label().equals(label)) {
        return c;
      }
    }
    return null;
  }
}
