import { BaseMessage, ToolMessage } from 'rxchain';

describe('ToolMessage', () => {
  it('should have the type tool and keep the tool call id', () => {
    const message = new ToolMessage({ content: '42', tool_call_id: 'call_1' });
    expect(message).toBeInstanceOf(BaseMessage);
    expect(message.type).toBe('tool');
    expect(message.tool_call_id).toBe('call_1');
    expect(message.text).toBe('42');
  });

  it('should default the status to success', () => {
    expect(new ToolMessage({ content: '', tool_call_id: 'c' }).status).toBe('success');
  });

  it('should keep an error status and an artifact', () => {
    const artifact = { rows: [1, 2] };
    const message = new ToolMessage({ content: 'failed', tool_call_id: 'c', status: 'error', artifact });
    expect(message.status).toBe('error');
    expect(message.artifact).toBe(artifact);
  });

  describe('toJSON', () => {
    it('should include the tool call id and status', () => {
      expect(new ToolMessage({ content: '42', tool_call_id: 'call_1' }).toJSON()).toEqual({
        type: 'tool',
        content: '42',
        tool_call_id: 'call_1',
        status: 'success',
      });
    });

    it('should include the artifact when there is one', () => {
      const json = new ToolMessage({ content: 'x', tool_call_id: 'c', artifact: [1] }).toJSON();
      expect(json['artifact']).toEqual([1]);
    });
  });
});
