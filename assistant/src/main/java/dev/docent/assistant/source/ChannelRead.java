package dev.docent.assistant.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;

/**
 * PDFBox's random access over a channel that is already open ({@link ContainedFile}), so a page
 * render reads the very file that was opened and never opens it again by name. Buffered in 64 KB
 * blocks, as PDFBox's own file reader is.
 */
final class ChannelRead implements RandomAccessRead {

    private final SeekableByteChannel channel;
    private final long length;
    private final ByteBuffer block = ByteBuffer.allocate(1 << 16);
    private long blockStart;
    private long position;
    private boolean closed;

    ChannelRead(SeekableByteChannel channel) throws IOException {
        this.channel = channel;
        this.length = channel.size();
        block.limit(0);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) return -1;
        int b = block.get((int) (position - blockStart)) & 0xff;
        position++;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int at = (int) (position - blockStart);
        int n = Math.min(len, block.limit() - at);
        block.get(at, b, off, n);
        position += n;
        return n;
    }

    /** Makes the block hold {@code position}; false at the end of the file. */
    private boolean fill() throws IOException {
        checkOpen();
        if (position >= length) return false;
        if (position >= blockStart && position < blockStart + block.limit()) return true;
        block.clear();
        channel.position(position);
        while (block.hasRemaining() && channel.read(block) > 0) {
            // read until the block is full or the file ends
        }
        block.flip();
        blockStart = position;
        return block.limit() > 0;
    }

    @Override
    public long getPosition() throws IOException {
        checkOpen();
        return position;
    }

    @Override
    public void seek(long to) throws IOException {
        checkOpen();
        if (to < 0) throw new IOException("invalid position " + to);
        position = Math.min(to, length);
    }

    @Override
    public long length() throws IOException {
        checkOpen();
        return length;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isEOF() throws IOException {
        checkOpen();
        return position >= length;
    }

    @Override
    public RandomAccessReadView createView(long start, long len) throws IOException {
        checkOpen();
        return new RandomAccessReadView(this, start, len);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }

    private void checkOpen() throws IOException {
        if (closed) throw new IOException("closed");
    }
}
