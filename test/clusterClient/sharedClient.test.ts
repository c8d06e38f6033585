// The commands' shared client: one per configuration, closed once it is retired and its last
// lease is released, so a namespace switch neither leaks sockets nor cuts a followed log (no
// cluster needed: the clients are stand-ins that count close()).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type KubeClient, SharedClient } from '../../client/src/cluster';

function fakes() {
  const made: { closed: number }[] = [];
  const create = async () => {
    const client = { closed: 0, close: () => client.closed++ };
    made.push(client);
    return client as unknown as KubeClient;
  };
  return { made, create };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('shared client', () => {
  test('one client per configuration; retire closes it once the last lease (and its shares) end', async () => {
    const { made, create } = fakes();
    const shared = new SharedClient(create);
    const a = await shared.lease();
    const b = await shared.lease();
    assert.equal(a.client, b.client);
    assert.equal(made.length, 1);
    const log = a.share(); // a followed log outlives the command
    a.release();
    a.release(); // twice is once
    shared.retire();
    b.release();
    await settle();
    assert.equal(made[0].closed, 0, 'closed while the log still follows');
    const next = await shared.lease();
    assert.notEqual(next.client, log.client);
    log.release();
    await settle();
    assert.equal(made[0].closed, 1);
    assert.equal(made[1].closed, 0);
    next.release();
  });

  test('a client nobody holds closes when retired; dispose closes every client, held or not', async () => {
    const { made, create } = fakes();
    const shared = new SharedClient(create);
    (await shared.lease()).release();
    shared.retire();
    await settle();
    assert.equal(made[0].closed, 1);
    await shared.lease(); // held
    shared.dispose();
    await settle();
    assert.deepEqual(
      made.map((m) => m.closed),
      [1, 1],
    );
  });

  test('a configuration error is thrown to the caller and not kept: the next lease tries again', async () => {
    let fail = true;
    const shared = new SharedClient(async () => {
      if (fail) throw new Error('no kubeconfig context found');
      return { close() {} } as unknown as KubeClient;
    });
    await assert.rejects(shared.lease(), /no kubeconfig context found/);
    fail = false;
    assert.ok((await shared.lease()).client);
  });

  test('a retire while the client is being made does not close it under the caller', async () => {
    const { made, create } = fakes();
    const shared = new SharedClient(create);
    const pending = shared.lease();
    shared.retire();
    const lease = await pending;
    await settle();
    assert.equal(made[0].closed, 0);
    lease.release();
    await settle();
    assert.equal(made[0].closed, 1);
  });
});
