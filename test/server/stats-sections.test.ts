// The stats notification of a prompt with thousands of sections leaves the sections out (server/workspace.ts
// STATS_SECTIONS_INLINE); `promptbound/stats` answers with them all, and a smaller prompt's notification has them.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DocumentStatsRequest } from '../../server/protocol';
import { FIXTURES, TestClient, fileUri } from './client';

function headings(count: number): string {
  let text = '---\nmodel: gpt-4o\n---\n';
  for (let i = 0; i < count; i++) text += `# Part ${i}\n\nAnswer briefly.\n\n`;
  return text;
}

describe('stats of prompts with many sections over the protocol', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it('leaves 2,500 sections out of the notification, and answers them on request', async () => {
    const uri = fileUri(path.join(FIXTURES, 'many-sections.prompt.md'));
    await client.open(uri, headings(2500), 1);
    const notified = await client.until('the stats notification', () => client.stats.find((s) => s.uri === uri));
    assert.deepEqual(notified.sections, []);
    assert.equal(notified.sectionsOmitted, 2500);
    assert.ok(notified.inputTokens > 2500 * 3, 'the totals are all there');
    const asked = await client.connection.sendRequest(DocumentStatsRequest, { uri });
    assert.ok(asked);
    assert.equal(asked.sectionsOmitted, undefined);
    assert.equal(asked.sections.length, 2500);
    assert.equal(asked.sections[2499].title, 'Part 2499');
    assert.equal(asked.sections[2499].header.start.line, 3 + 2499 * 4);
    assert.equal(asked.inputTokens, notified.inputTokens);
  });

  it('sends 1,000 sections in the notification itself', async () => {
    const uri = fileUri(path.join(FIXTURES, 'some-sections.prompt.md'));
    await client.open(uri, headings(1000), 1);
    const notified = await client.until('the stats notification', () => client.stats.find((s) => s.uri === uri));
    assert.equal(notified.sectionsOmitted, undefined);
    assert.equal(notified.sections.length, 1000);
  });
});
