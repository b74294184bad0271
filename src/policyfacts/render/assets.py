"""Inline CSS and JavaScript of the HTML views: kept here so every page is one self-contained file."""

from __future__ import annotations

# One colour per fact kind; programme spans are drawn as an underline so the counts/money inside stay readable.
KIND_COLOURS: dict[str, str] = {
    "count": "#cfe8ff",
    "percent": "#ffe3b3",
    "money": "#c9f2c7",
    "measure": "#f3d1f4",
    "date": "#ffd0d0",
    "programme": "#b38600",
}

CSS = """
.pf{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
 color:#1d1d1f;line-height:1.7;max-width:1400px;margin:0 auto;padding:8px}
.pf h1{font-size:1.35em;margin:.4em 0}.pf h2{font-size:1.15em;margin:.8em 0 .3em}
.pf .pf-meta{display:grid;grid-template-columns:max-content 1fr;gap:0 1em;font-size:.9em;margin:.3em 0 .6em}
.pf .pf-meta dt{color:#666}.pf .pf-meta dd{margin:0}
.pf .pf-legend span{display:inline-block;margin-right:.6em;padding:0 .35em;border-radius:3px;font-size:.85em}
.pf .pf-text{white-space:pre-wrap;border:1px solid #ddd;border-radius:6px;padding:.6em .8em;background:#fcfcfc;
 max-height:36em;overflow:auto}
.pf mark{background:transparent;color:inherit;border-radius:2px;padding:0 1px;cursor:help}
__KIND_RULES__
.pf mark mark{outline:1px solid rgba(0,0,0,.25)}
.pf mark.pf-empty::before{content:"\\25B4";color:#c00;font-size:.8em}
.pf mark.pf-dim{background:transparent;border-bottom-color:transparent;outline:none;opacity:.55}
.pf table.pf-table{border-collapse:collapse;font-size:.85em;width:100%;margin:.5em 0}
.pf table.pf-table th,.pf table.pf-table td{border:1px solid #e2e2e2;padding:2px 6px;text-align:left;vertical-align:top}
.pf table.pf-table th{background:#f4f4f6;position:sticky;top:0}
.pf table.pf-table td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.pf table.pf-table td.kind{white-space:nowrap}
.pf table.pf-table td.pf-place,.pf table.pf-table td.pf-ftext{white-space:nowrap}
.pf .pf-filters{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;margin:.5em 0;font-size:.9em;
 position:sticky;top:0;background:#fff;padding:.4em 0;z-index:2;border-bottom:1px solid #eee}
.pf .pf-filters select,.pf .pf-filters input{font-size:1em;max-width:18em}
.pf details.pf-doc{border-top:1px solid #eee;padding:.3em 0}
.pf details.pf-doc summary{cursor:pointer;font-weight:600}
.pf mark.pf-target{outline:2px solid #d33}
.pf .pf-scroll{max-height:28em;overflow:auto;border:1px solid #eee}
.pf .pf-muted{color:#888}
.pf table.pf-kv th{text-align:right;color:#666;font-weight:normal;padding-right:.8em}
""".replace(
    "__KIND_RULES__",
    "".join(
        f".pf mark.k-{kind}{{background:transparent;border-bottom:2px solid {colour};padding-bottom:1px}}\n"
        if kind == "programme"
        else f".pf mark.k-{kind}{{background:{colour}}}\n"
        for kind, colour in KIND_COLOURS.items()
    ),
)

# The report's filter: reads an initial state from the URL (``#kind=money&place=江苏省`` or ``?kind=money``),
# hides table rows that don't match, dims their highlights, and keeps the hash in step with the controls.
JS = r"""
(function(){
  var root=document.getElementById('pf-report'); if(!root) return;
  var keys=['doc','kind','place','programme','q'];
  var ctl={}; keys.forEach(function(k){ctl[k]=document.getElementById('pf-f-'+k);});
  var rows=Array.prototype.slice.call(root.querySelectorAll('tr.pf-row'));
  var marks=Array.prototype.slice.call(root.querySelectorAll('mark[data-fact]'));
  var counter=document.getElementById('pf-count');
  function parse(s){
    var out={}; s=(s||'').replace(/^[#?]/,''); if(s.indexOf('=')<0) return out;
    s.split('&').forEach(function(p){var i=p.indexOf('='); if(i<0) return;
      var k=decodeURIComponent(p.slice(0,i)), v=decodeURIComponent(p.slice(i+1).replace(/\+/g,' '));
      if(keys.indexOf(k)>=0) out[k]=v;});
    return out;
  }
  function setValue(el,v){
    if(!el) return;
    if(el.tagName==='SELECT' && v && !Array.prototype.some.call(el.options,function(o){return o.value===v;})){
      var o=document.createElement('option'); o.value=v; o.textContent=v; el.appendChild(o);
    }
    el.value=v;
  }
  function state(){var s={}; keys.forEach(function(k){s[k]=ctl[k]?ctl[k].value:'';}); return s;}
  function match(d,s){
    if(s.doc && d.doc!==s.doc) return false;
    if(s.kind && d.kind!==s.kind) return false;
    if(s.place){ if(s.place==='(none)'){ if(d.place) return false; }
      else if((d.place||'').indexOf(s.place)<0) return false; }
    if(s.programme){ if(s.programme==='(none)'){ if(d.programme) return false; }
      else if((d.programme||'').indexOf(s.programme)<0) return false; }
    if(s.q && (d.search||'').toLowerCase().indexOf(s.q.toLowerCase())<0) return false;
    return true;
  }
  function apply(push){
    var s=state(), shown=0, ok={};
    rows.forEach(function(r){var m=match(r.dataset,s); r.hidden=!m; if(m){shown++; ok[r.dataset.fact]=1;}});
    marks.forEach(function(m){m.classList.toggle('pf-dim',!ok[m.dataset.fact]);});
    if(counter) counter.textContent=String(shown);
    root.setAttribute('data-shown',String(shown));
    if(push){
      var parts=[]; keys.forEach(function(k){if(s[k]) parts.push(k+'='+encodeURIComponent(s[k]));});
      try{history.replaceState(null,'',parts.length?'#'+parts.join('&'):location.pathname+location.search);}catch(e){}
    }
  }
  var init=parse(location.search); var h=parse(location.hash); for(var k in h) init[k]=h[k];
  keys.forEach(function(k){ if(init[k]!==undefined) setValue(ctl[k],init[k]);
    if(ctl[k]){ ctl[k].addEventListener('input',function(){apply(true);});
                ctl[k].addEventListener('change',function(){apply(true);}); }});
  window.addEventListener('hashchange',function(){if(location.hash.indexOf('=')<0) return;
    var h=parse(location.hash);
    keys.forEach(function(k){setValue(ctl[k],h[k]||'');}); apply(false);});
  var reset=document.getElementById('pf-f-reset');
  if(reset) reset.addEventListener('click',function(){keys.forEach(function(k){setValue(ctl[k],'');}); apply(true);});
  root.addEventListener('click',function(ev){var a=ev.target.closest&&ev.target.closest('a.pf-jump'); if(!a) return;
    var t=document.getElementById(a.getAttribute('href').slice(1)); if(!t) return;
    var d=t.closest('details'); if(d) d.open=true; ev.preventDefault(); t.scrollIntoView({block:'center'});
    marks.forEach(function(m){m.classList.remove('pf-target');});
    root.querySelectorAll('mark[data-fact="'+t.dataset.fact+'"]').forEach(function(m){m.classList.add('pf-target');});});
  apply(false);
  root.setAttribute('data-ready','1');
})();
"""
