// Portcullis reachability map: draws the model of io.portcullis.site.map.ReachabilityMap (docs/living-docs.md) as SVG
// with filters (account, tenant, tier), a search, lists beside the graph, and details of the chosen edge (its rules)
// or API (who can reach it). No library and nothing from the network. Filters and selection live in the URL fragment.
//
// Use: <div data-reachmap data-global="NAME"> (the model in window[NAME]) or <div data-reachmap data-src="map.json">,
// or PortcullisReachMap.mount(element, model, {hashPrefix: '#', base: '', links: true}).
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var COLLAPSE_AT = 60;   // more visible groups than this: groups collapse into one node per account and VPC
  var LIST_MAX = 200;     // entries per list beside the graph
  var NODE_W = 190;
  var NODE_H = 34;
  var ROW = 42;
  var COL = 270;
  var KINDS = {
    admits: 'admits (rules of the API naming the source)',
    rule: 'rule (a group\'s rules naming the source)',
    includes: 'included in (members of the first are members of the second)',
    extends: 'extended by (the second carries the first\'s rules)',
    attached: 'attached to the API',
    member: 'partner is a member of the group'
  };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    setAttrs(e, attrs);
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    return e;
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    setAttrs(e, attrs);
    return e;
  }

  function setAttrs(e, attrs) {
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    }
  }

  function clear(e) {
    while (e.firstChild) {
      e.removeChild(e.firstChild);
    }
  }

  function short(s, n) {
    return s.length > n ? s.slice(0, n - 1) + '\u2026' : s;
  }

  function uniq(values) {
    var seen = {};
    return values.filter(function (v) {
      if (v === null || v === undefined || v === '' || seen[v]) {
        return false;
      }
      seen[v] = true;
      return true;
    }).sort();
  }

  function count(n, what) {
    return n + ' ' + what + (n === 1 ? '' : 's');
  }

  function nodeLabel(n) {
    if (n.kind === 'api') {
      return 'API ' + n.name;
    }
    if (n.kind === 'group') {
      return 'group ' + n.key;
    }
    if (n.kind === 'cluster') {
      return n.count + ' groups in ' + n.vpc + ' (' + n.account + ')';
    }
    return n.kind + ' ' + n.name;
  }

  function mount(root, model, options) {
    options = options || {};
    var prefix = options.hashPrefix === undefined ? '#' : options.hashPrefix;
    var base = options.base || '';
    var links = options.links !== false;
    clear(root);
    if (!model || model.version !== 1) {
      root.appendChild(el('p', {role: 'alert'}, 'This reachability map model is not version 1; the renderer cannot draw it.'));
      return null;
    }
    var nodes = {};
    var order = [];
    model.nodes.forEach(function (n) { nodes[n.id] = n; order.push(n.id); });
    var edges = {};
    var incident = {};
    model.edges.forEach(function (e) {
      edges[e.id] = e;
      (incident[e.from] = incident[e.from] || []).push(e.id);
      (incident[e.to] = incident[e.to] || []).push(e.id);
    });
    var accountNames = {};
    model.accounts.forEach(function (a) { accountNames[a.id] = a.name; });
    var state = read();
    var view = null;

    // The page: filters, a status line, the graph with the details beside it, the lists.
    var box = el('div', {'class': 'rm'});
    var form = el('form', {'class': 'rm-filters', role: 'search', 'aria-label': 'Filter the map'});
    var account = select('rm-account', 'Account', uniq(model.nodes.map(function (n) { return n.account; })).map(function (a) {
      return [a, a + (accountNames[a] ? ' (' + accountNames[a] + ')' : '')];
    }));
    var tenant = select('rm-tenant', 'Tenant', uniq(model.nodes.map(function (n) { return n.tenant; })).map(function (t) { return [t, t]; }));
    var tier = select('rm-tier', 'Tier', uniq(model.nodes.map(function (n) { return n.tier; })).map(function (t) { return [t, t]; }));
    var searchLabel = el('label', {'for': 'rm-search'}, 'Search');
    var search = el('input', {id: 'rm-search', type: 'search', autocomplete: 'off', placeholder: 'group, API, account, VPC, owner'});
    var reset = el('button', {type: 'button', id: 'rm-reset'}, 'Clear filters');
    form.appendChild(wrap(searchLabel, search));
    form.appendChild(reset);
    var status = el('p', {'class': 'rm-status', id: 'rm-status', role: 'status', 'aria-live': 'polite'});
    var collapse = el('button', {type: 'button', id: 'rm-collapse', hidden: 'hidden'}, 'Collapse the expanded VPCs');
    var body = el('div', {'class': 'rm-body'});
    var graph = el('div', {'class': 'rm-graph', id: 'rm-graph'});
    var details = el('section', {'class': 'rm-details', id: 'rm-details', tabindex: '-1', 'aria-label': 'Details of the selection'});
    body.appendChild(graph);
    body.appendChild(details);
    var lists = el('div', {'class': 'rm-lists'});
    var apiList = list('rm-apis', 'APIs');
    var groupList = list('rm-groups', 'Groups');
    var edgeList = list('rm-edges', 'Edges');
    box.appendChild(form);
    box.appendChild(status);
    box.appendChild(collapse);
    box.appendChild(body);
    box.appendChild(lists);
    root.appendChild(box);

    function wrap(label, control) {
      var p = el('span', {'class': 'rm-field'});
      p.appendChild(label);
      p.appendChild(control);
      return p;
    }

    function select(id, label, values) {
      var s = el('select', {id: id});
      s.appendChild(el('option', {value: ''}, 'all'));
      values.forEach(function (v) { s.appendChild(el('option', {value: v[0]}, v[1])); });
      form.appendChild(wrap(el('label', {'for': id}, label), s));
      return s;
    }

    function list(id, title) {
      var s = el('section', {'class': 'rm-list', 'aria-labelledby': id + '-h'});
      s.appendChild(el('h2', {id: id + '-h'}, title));
      var ul = el('ul', {id: id});
      s.appendChild(ul);
      lists.appendChild(s);
      return ul;
    }

    // State <-> URL fragment: account, tenant, tier, q, open (expanded clusters), sel (node:ID or edge:ID).
    function read() {
      var s = {account: '', tenant: '', tier: '', q: '', open: [], sel: ''};
      var h = window.location.hash;
      if (h.indexOf(prefix) !== 0) {
        return s;
      }
      var p = new URLSearchParams(h.slice(prefix.length));
      ['account', 'tenant', 'tier', 'q', 'sel'].forEach(function (k) { s[k] = p.get(k) || ''; });
      s.open = (p.get('open') || '').split(',').filter(function (x) { return x.length > 0; });
      return s;
    }

    function write() {
      var p = new URLSearchParams();
      ['account', 'tenant', 'tier', 'q'].forEach(function (k) {
        if (state[k]) {
          p.set(k, state[k]);
        }
      });
      if (state.open.length > 0) {
        p.set('open', state.open.join(','));
      }
      if (state.sel) {
        p.set('sel', state.sel);
      }
      var h = prefix + p.toString();
      if (window.location.hash !== h) {
        window.history.replaceState(null, '', h === '#' ? window.location.pathname + window.location.search : h);
      }
    }

    // Which nodes pass the filters, the search, and how groups are collapsed: the view drawn and listed.
    function compute() {
      var pass = {};
      var addressed = [];
      order.forEach(function (id) {
        var n = nodes[id];
        if (!n.account) {
          addressed.push(id);
          return;
        }
        if ((state.account && n.account !== state.account) || (state.tenant && n.tenant !== state.tenant)
            || (state.tier && n.tier !== state.tier)) {
          return;
        }
        pass[id] = true;
      });
      // Address ranges belong to no account: shown beside what they reach.
      addressed.forEach(function (id) {
        if ((incident[id] || []).some(function (e) { return pass[edges[e].to]; })) {
          pass[id] = true;
        }
      });
      var words = state.q.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
      var matched = {};
      var visible = pass;
      if (words.length > 0) {
        visible = {};
        Object.keys(pass).forEach(function (id) {
          var n = nodes[id];
          var text = [n.kind, n.name, n.key, n.account, accountNames[n.account], n.vpc, n.tenant, n.tier, n.purpose, n.owner]
              .join(' ').toLowerCase();
          if (words.every(function (w) { return text.indexOf(w) >= 0; })) {
            matched[id] = true;
            visible[id] = true;
          }
        });
        Object.keys(matched).forEach(function (id) {
          (incident[id] || []).forEach(function (e) {
            var other = edges[e].from === id ? edges[e].to : edges[e].from;
            if (pass[other]) {
              visible[other] = true;
            }
          });
        });
      }
      var ids = order.filter(function (id) { return visible[id]; });
      var groups = ids.filter(function (id) { return nodes[id].kind === 'group'; });
      var collapse = groups.length > COLLAPSE_AT;
      var shown = {};
      var clusters = {};
      ids.forEach(function (id) {
        var n = nodes[id];
        var c = 'vpc:' + n.account + '/' + (n.vpc || '(undeclared)');
        if (collapse && n.kind === 'group' && !matched[id] && state.open.indexOf(c) < 0) {
          if (!clusters[c]) {
            clusters[c] = {id: c, kind: 'cluster', account: n.account, vpc: n.vpc || '(undeclared)', count: 0, members: []};
          }
          clusters[c].count++;
          clusters[c].members.push(id);
          shown[id] = c;
        } else {
          shown[id] = id;
        }
      });
      var drawn = {};
      ids.forEach(function (id) { drawn[shown[id]] = shown[id] === id ? nodes[id] : clusters[shown[id]]; });
      var dEdges = {};
      var dOrder = [];
      model.edges.forEach(function (e) {
        if (!visible[e.from] || !visible[e.to]) {
          return;
        }
        var f = shown[e.from];
        var t = shown[e.to];
        if (f === t) {
          return;
        }
        var key = f === e.from && t === e.to ? e.id : 'x:' + e.kind + ':' + f + '>' + t;
        if (!dEdges[key]) {
          dEdges[key] = {id: key, kind: e.kind, from: f, to: t, edges: []};
          dOrder.push(key);
        }
        dEdges[key].edges.push(e.id);
      });
      return {ids: ids, groups: groups, matched: matched, shown: shown, drawn: drawn, clusters: clusters,
        edges: dEdges, edgeOrder: dOrder, collapsed: collapse};
    }

    function render() {
      account.value = state.account;
      tenant.value = state.tenant;
      tier.value = state.tier;
      if (search.value !== state.q) {
        search.value = state.q;
      }
      // A selected group inside a collapsed cluster: open that cluster so the selection is drawn.
      var selNode = state.sel.indexOf('node:') === 0 ? nodes[state.sel.slice(5)] : null;
      if (selNode && selNode.kind === 'group') {
        var c = 'vpc:' + selNode.account + '/' + (selNode.vpc || '(undeclared)');
        view = compute();
        if (view.shown[selNode.id] === c && state.open.indexOf(c) < 0) {
          state.open.push(c);
        }
      }
      view = compute();
      draw();
      fill();
      describe();
      write();
    }

    function draw() {
      clear(graph);
      var ids = Object.keys(view.drawn);
      // Columns: sources (partners, ranges), groups by how deep they are nested (includes, extends: rules may run
      // both ways between groups and would stretch the map), then APIs.
      var depth = {};
      ids.forEach(function (id) { depth[id] = 0; });
      var groupish = function (id) { var k = view.drawn[id].kind; return k === 'group' || k === 'cluster'; };
      for (var round = 0; round < 3; round++) {
        view.edgeOrder.forEach(function (k) {
          var e = view.edges[k];
          if ((e.kind === 'includes' || e.kind === 'extends') && groupish(e.from) && groupish(e.to) && depth[e.to] < depth[e.from] + 1) {
            depth[e.to] = Math.min(depth[e.from] + 1, 3);
          }
        });
      }
      var maxDepth = 0;
      ids.forEach(function (id) { if (groupish(id)) { maxDepth = Math.max(maxDepth, depth[id]); } });
      var columns = [];
      ids.forEach(function (id) {
        var n = view.drawn[id];
        var c = n.kind === 'api' ? maxDepth + 2 : groupish(id) ? depth[id] + 1 : 0;
        (columns[c] = columns[c] || []).push(id);
      });
      var pos = {};
      var height = 0;
      var width = 0;
      var byAccount = function (a, b) {
        var x = view.drawn[a];
        var y = view.drawn[b];
        return (x.account || '~').localeCompare(y.account || '~') || (x.vpc || '').localeCompare(y.vpc || '')
            || nodeLabel(x).localeCompare(nodeLabel(y));
      };
      var place = function (col, c) {
        var y = 30;
        var last = null;
        col.forEach(function (id) {
          var n = view.drawn[id];
          if (last !== null && n.account !== last) {
            y += 14;
          }
          last = n.account;
          pos[id] = {x: 20 + c * COL, y: y};
          y += ROW;
        });
        height = Math.max(height, y + 10);
        width = Math.max(width, 40 + c * COL + NODE_W);
      };
      // Groups by account and VPC; then sources and APIs beside the groups they are drawn to (mean of their
      // neighbours' rows), so edges run mostly across rather than over the whole map.
      columns.forEach(function (col, c) {
        if (col && c > 0 && c < columns.length - 1) {
          col.sort(byAccount);
          place(col, c);
        }
      });
      var near = {};
      view.edgeOrder.forEach(function (k) {
        var e = view.edges[k];
        (near[e.from] = near[e.from] || []).push(e.to);
        (near[e.to] = near[e.to] || []).push(e.from);
      });
      var mean = function (id) {
        var ys = (near[id] || []).filter(function (o) { return pos[o]; }).map(function (o) { return pos[o].y; });
        return ys.length === 0 ? Infinity : ys.reduce(function (a, b) { return a + b; }, 0) / ys.length;
      };
      [0, columns.length - 1].forEach(function (c) {
        var col = columns[c];
        if (!col || pos[col[0]]) {
          return;
        }
        var m = {};
        col.forEach(function (id) { m[id] = mean(id); });
        col.sort(function (a, b) { return (m[a] - m[b]) || byAccount(a, b); });
        place(col, c);
      });
      var s = svg('svg', {width: width, height: Math.max(height, 80), role: 'group', 'aria-label': 'Reachability graph: '
          + ids.length + ' nodes and ' + view.edgeOrder.length + ' edges; Tab moves through them, Enter chooses one',
          'class': 'rm-svg'});
      var defs = svg('defs');
      var marker = svg('marker', {id: 'rm-arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '7', markerHeight: '7',
        orient: 'auto-start-reverse'});
      marker.appendChild(svg('path', {d: 'M 0 0 L 10 5 L 0 10 z', 'class': 'rm-arrowhead'}));
      defs.appendChild(marker);
      s.appendChild(defs);
      var edgeLayer = svg('g', {'class': 'rm-edges-layer'});
      var nodeLayer = svg('g', {'class': 'rm-nodes-layer'});
      s.appendChild(edgeLayer);
      s.appendChild(nodeLayer);
      ids.forEach(function (id) {
        var n = view.drawn[id];
        var p = pos[id];
        var selected = state.sel === 'node:' + id;
        var g = svg('g', {'class': 'rm-node rm-' + n.kind + (selected ? ' rm-selected' : '') + (view.matched[id] ? ' rm-match' : ''),
          tabindex: '0', role: 'button', 'aria-label': nodeLabel(n) + (n.kind === 'cluster' ? ', collapsed; Enter expands' : ''),
          'data-sel': 'node:' + id, transform: 'translate(' + p.x + ',' + p.y + ')'});
        if (selected) {
          g.setAttribute('aria-pressed', 'true');
        }
        g.appendChild(svg('rect', {width: NODE_W, height: NODE_H, rx: n.kind === 'api' ? 2 : 6}));
        var t1 = svg('text', {x: 8, y: 14, 'class': 'rm-name'});
        t1.textContent = short(n.kind === 'api' ? 'API ' + n.name : n.kind === 'cluster' ? n.count + ' groups' : n.name, 30);
        var t2 = svg('text', {x: 8, y: 28, 'class': 'rm-sub'});
        t2.textContent = short(n.kind === 'group' ? (n.vpc || 'not declared') + (n.members ? ' \u00b7 ' + n.members + ' members' : '')
            : n.kind === 'cluster' ? n.vpc + ' \u00b7 ' + n.account : n.kind === 'api' ? n.listen : n.kind, 34);
        g.appendChild(t1);
        g.appendChild(t2);
        nodeLayer.appendChild(g);
      });
      view.edgeOrder.forEach(function (k) {
        var e = view.edges[k];
        var a = pos[e.from];
        var b = pos[e.to];
        var x1 = a.x + NODE_W;
        var y1 = a.y + NODE_H / 2;
        var x2 = b.x;
        var y2 = b.y + NODE_H / 2;
        var d;
        if (x2 > x1) {
          var m = (x1 + x2) / 2;
          d = 'M' + x1 + ' ' + y1 + ' C' + m + ' ' + y1 + ' ' + m + ' ' + y2 + ' ' + x2 + ' ' + y2;
        } else {
          // Same or earlier column: loop out to the right of the source and back in from the left of the target.
          d = 'M' + x1 + ' ' + y1 + ' C' + (x1 + 60) + ' ' + y1 + ' ' + (x2 - 60) + ' ' + y2 + ' ' + x2 + ' ' + y2;
        }
        var selected = state.sel === 'edge:' + k || (state.sel.indexOf('edge:') === 0 && e.edges.indexOf(state.sel.slice(5)) >= 0);
        var touches = state.sel === 'node:' + e.from || state.sel === 'node:' + e.to;
        var g = svg('g', {'class': 'rm-edge rm-e-' + e.kind + (selected ? ' rm-selected' : '') + (touches ? ' rm-touch' : ''),
          tabindex: '0', role: 'button', 'aria-label': edgeLabel(e), 'data-sel': 'edge:' + k});
        g.appendChild(svg('path', {d: d, 'class': 'rm-hit'}));
        g.appendChild(svg('path', {d: d, 'class': 'rm-line', 'marker-end': 'url(#rm-arrow)'}));
        edgeLayer.appendChild(g);
      });
      graph.appendChild(s);
    }

    function rulesOf(e) {
      var n = 0;
      e.edges.forEach(function (id) { n += (edges[id].rules || []).length; });
      return n;
    }

    function edgeLabel(e) {
      var f = view.drawn[e.from];
      var t = view.drawn[e.to];
      var r = rulesOf(e);
      return e.kind + ' edge from ' + nodeLabel(f) + ' to ' + nodeLabel(t)
          + (r > 0 ? ', ' + count(r, 'rule') : '') + (e.edges.length > 1 ? ', ' + count(e.edges.length, 'reference') : '');
    }

    function button(sel, text) {
      var li = el('li');
      var b = el('button', {type: 'button', 'class': 'rm-pick', 'data-sel': sel}, text);
      if (state.sel === sel) {
        b.setAttribute('aria-pressed', 'true');
      }
      li.appendChild(b);
      return li;
    }

    function fill() {
      clear(apiList);
      clear(groupList);
      clear(edgeList);
      var apis = view.ids.filter(function (id) { return nodes[id].kind === 'api'; });
      capped(apiList, apis, function (id) { return button('node:' + id, nodeLabel(nodes[id])); });
      capped(groupList, view.groups, function (id) {
        var n = nodes[id];
        return button('node:' + id, n.key + (n.vpc ? ' (' + n.vpc + ')' : ''));
      });
      capped(edgeList, view.edgeOrder, function (k) { return button('edge:' + k, edgeLabel(view.edges[k])); });
      var clusters = Object.keys(view.clusters).length;
      collapse.hidden = state.open.length === 0;
      status.textContent = 'Showing ' + count(apis.length, 'API') + ', ' + view.groups.length + ' of '
          + count(model.nodes.filter(function (n) { return n.kind === 'group'; }).length, 'group')
          + (clusters > 0 ? ' (' + clusters + ' collapsed by account and VPC; Enter on one expands it)' : '')
          + ' and ' + count(view.edgeOrder.length, 'edge') + '.';
    }

    function capped(ul, items, make) {
      items.slice(0, LIST_MAX).forEach(function (x) { ul.appendChild(make(x)); });
      if (items.length > LIST_MAX) {
        ul.appendChild(el('li', null, 'and ' + (items.length - LIST_MAX) + ' more: narrow the filters or search.'));
      }
      if (items.length === 0) {
        ul.appendChild(el('li', null, 'None.'));
      }
    }

    // The details of the selection: an edge's rules, an API's callers, a group's references.
    function describe() {
      clear(details);
      var sel = state.sel;
      if (!sel) {
        details.appendChild(el('h2', null, 'Details'));
        details.appendChild(el('p', null, 'Choose an edge to see the rules that make it, an API to see who can reach it.'));
        return;
      }
      var id = sel.slice(sel.indexOf(':') + 1);
      if (sel.indexOf('edge:') === 0) {
        var e = view.edges[id] || (edges[id] ? {id: id, kind: edges[id].kind, from: edges[id].from, to: edges[id].to, edges: [id]} : null);
        if (e) {
          describeEdge(e);
          return;
        }
      } else if (nodes[id]) {
        describeNode(nodes[id]);
        return;
      }
      details.appendChild(el('h2', null, 'Details'));
      details.appendChild(el('p', null, 'The selection ' + sel + ' is not in this map (or not under these filters).'));
    }

    function named(id) {
      return nodes[id] ? nodeLabel(nodes[id]) : view.clusters[id] ? nodeLabel(view.clusters[id]) : id;
    }

    function describeEdge(e) {
      details.appendChild(el('h2', null, 'Edge: ' + e.kind));
      details.appendChild(el('p', {'class': 'rm-route'}, named(e.from) + ' \u2192 ' + named(e.to)));
      details.appendChild(el('p', {'class': 'rm-note'}, KINDS[e.kind] || e.kind));
      e.edges.slice(0, LIST_MAX).forEach(function (mid) {
        var m = edges[mid];
        if (e.edges.length > 1) {
          details.appendChild(el('h3', null, nodeLabel(nodes[m.from]) + ' \u2192 ' + nodeLabel(nodes[m.to])));
        }
        if (m.rules) {
          table(['rule', 'traffic', 'when', 'justification', 'written at'], m.rules.map(function (r) {
            return [r.id, r.traffic, r.when + (r.expired ? ' (expired)' : ''), r.justification || r.description || '\u2014', r.where || '\u2014'];
          }), 'rm-rules');
        }
        if (m.kind === 'admits') {
          var api = nodes[m.to];
          var ids = m.rules.map(function (r) { return r.id; });
          var through = (api.reach || []).filter(function (x) {
            return ids.some(function (r) { return x.rule === r || x.rule.indexOf(r + ' (') === 0; });
          });
          details.appendChild(el('p', null, through.length === 0 ? 'These rules admit no caller at ' + model.at + '.'
              : 'Admitted through these rules at ' + model.at + ':'));
          reachTable(through);
        }
      });
    }

    function describeNode(n) {
      details.appendChild(el('h2', null, nodeLabel(n)));
      var facts = [['account', n.account ? n.account + (accountNames[n.account] ? ' (' + accountNames[n.account] + ')' : '') : ''],
        ['VPC', n.vpc], ['tenant', n.tenant], ['tier', n.tier], ['listens on', n.listen], ['direct members', n.members],
        ['purpose', n.purpose], ['owner', n.owner], ['ranges', (n.cidrs || []).join(', ')], ['written at', n.where]];
      var dl = el('dl');
      facts.forEach(function (f) {
        if (f[1] !== undefined && f[1] !== null && f[1] !== '') {
          dl.appendChild(el('dt', null, f[0]));
          dl.appendChild(el('dd', null, String(f[1])));
        }
      });
      if (n.declared === false) {
        dl.appendChild(el('dt', null, 'declared'));
        dl.appendChild(el('dd', null, 'no: a rule names it, but the configuration does not declare it'));
      }
      details.appendChild(dl);
      if (links && n.href) {
        var p = el('p');
        p.appendChild(el('a', {href: base + n.href}, 'Its page in the living documentation'));
        details.appendChild(p);
      }
      if (n.kind === 'api') {
        var now = (n.reach || []).filter(function (r) { return r.now; }).length;
        details.appendChild(el('h3', null, 'Who can reach it'));
        details.appendChild(el('p', null, (n.reach || []).length === 0 ? 'Nothing can reach ' + n.name + ' at ' + model.at + '.'
            : now + ' admitted at ' + model.at + ((n.reach.length - now) > 0 ? ', ' + (n.reach.length - now) + ' only by a scheduled rule at other times' : '')
            + ' (who-can-reach, with each workload\'s chain from check):'));
        reachTable(n.reach || []);
      }
      var refs = (incident[n.id] || []);
      if (refs.length > 0) {
        details.appendChild(el('h3', null, 'References (' + refs.length + ')'));
        var ul = el('ul');
        capped(ul, refs, function (eid) {
          var m = edges[eid];
          return button('edge:' + eid, m.kind + ': ' + nodeLabel(nodes[m.from]) + ' \u2192 ' + nodeLabel(nodes[m.to])
              + (m.rules ? ' (' + count(m.rules.length, 'rule') + ')' : ''));
        });
        details.appendChild(ul);
      }
    }

    function reachTable(rows) {
      if (rows.length === 0) {
        return;
      }
      table(['caller', 'rule', 'chain'], rows.slice(0, 500).map(function (r) {
        return [r.kind + ' ' + r.subject + (r.now ? '' : ' (scheduled)'), r.rule, (r.chain || []).join(' \u2192 ') || r.detail];
      }), 'rm-reach');
      if (rows.length > 500) {
        details.appendChild(el('p', null, 'and ' + (rows.length - 500) + ' more (the API\'s page lists all).'));
      }
    }

    function table(header, rows, cls) {
      var t = el('table', {'class': cls});
      var tr = el('tr');
      header.forEach(function (h) { tr.appendChild(el('th', {scope: 'col'}, h)); });
      var head = el('thead');
      head.appendChild(tr);
      t.appendChild(head);
      var b = el('tbody');
      rows.forEach(function (r) {
        var row = el('tr');
        r.forEach(function (c) { row.appendChild(el('td', null, c)); });
        b.appendChild(row);
      });
      t.appendChild(b);
      details.appendChild(t);
    }

    function choose(sel, fromGraph) {
      if (sel.indexOf('node:vpc:') === 0) {
        var c = sel.slice(5);
        if (state.open.indexOf(c) < 0) {
          state.open.push(c);
        }
        state.sel = '';
      } else {
        state.sel = sel;
      }
      render();
      if (fromGraph) {
        // Focus stays on the element chosen (it was drawn again), else the details are announced.
        var again = graph.querySelector('[data-sel="' + (window.CSS && CSS.escape ? CSS.escape(sel) : sel) + '"]');
        if (again) {
          again.focus();
          return;
        }
      }
      details.focus();
    }

    box.addEventListener('click', function (ev) {
      var t = ev.target.closest ? ev.target.closest('[data-sel]') : null;
      if (!t || !box.contains(t)) {
        return;
      }
      choose(t.getAttribute('data-sel'), graph.contains(t));
    });
    graph.addEventListener('keydown', function (ev) {
      if (ev.key !== 'Enter' && ev.key !== ' ') {
        return;
      }
      var t = ev.target.closest ? ev.target.closest('[data-sel]') : null;
      if (t) {
        ev.preventDefault();
        choose(t.getAttribute('data-sel'), true);
      }
    });
    [[account, 'account'], [tenant, 'tenant'], [tier, 'tier']].forEach(function (x) {
      x[0].addEventListener('change', function () {
        state[x[1]] = x[0].value;
        render();
      });
    });
    search.addEventListener('input', function () {
      state.q = search.value;
      render();
    });
    form.addEventListener('submit', function (ev) { ev.preventDefault(); });
    collapse.addEventListener('click', function () {
      state.open = [];
      if (state.sel.indexOf('node:group:') === 0) {
        state.sel = ''; // a chosen group would open its VPC again
      }
      render();
    });
    reset.addEventListener('click', function () {
      state = {account: '', tenant: '', tier: '', q: '', open: [], sel: ''};
      render();
    });
    window.addEventListener('hashchange', function () {
      var next = read();
      if (JSON.stringify(next) !== JSON.stringify(state)) {
        state = next;
        render();
      }
    });
    render();
    return {
      state: function () { return JSON.parse(JSON.stringify(state)); },
      select: function (sel) { choose(sel, false); }
    };
  }

  function auto() {
    var roots = document.querySelectorAll('[data-reachmap]');
    Array.prototype.forEach.call(roots, function (root) {
      var name = root.getAttribute('data-global');
      if (name && window[name]) {
        mount(root, window[name]);
      } else if (root.getAttribute('data-src')) {
        fetch(root.getAttribute('data-src'), {credentials: 'same-origin'}).then(function (r) {
          if (!r.ok) {
            throw new Error('HTTP ' + r.status);
          }
          return r.json();
        }).then(function (m) { mount(root, m); }, function (e) {
          clear(root);
          root.appendChild(el('p', {role: 'alert'}, 'The reachability map could not be loaded: ' + e.message));
        });
      }
    });
  }

  window.PortcullisReachMap = {mount: mount, version: 1};
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', auto);
  } else {
    auto();
  }
})();
