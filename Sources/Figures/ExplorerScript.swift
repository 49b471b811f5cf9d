/// The explorer's script, inline in its figure (and so once per explorer on
/// a page). It finds its figure as the parent of the running script, keeps
/// the picked image `I`, the picked layer `L` and unit `U` and a cursor per
/// layer `K`, and `draw()` shows what they pick: it only toggles `hidden`,
/// moves the ring, shifts the crops and writes the status line.
///
/// Mouse and touch: click (a tap is a click) on an image or a unit.
/// Keyboard: Tab to the images (a radio group: arrows move and pick) or to a
/// layer's grid (a slider over its units: arrows move by one or a row,
/// Home and End, Enter or Space picks the unit under the cursor).
extension ExplorerFigure {
    static let script = """
    (function(){var X=document.currentScript.parentNode,I=0,L=+X.dataset.l,U=+X.dataset.u,K=[];\
    function A(s,r){return[].slice.call((r||X).querySelectorAll(s))}function D(e,k){return+e.dataset[k]}\
    var B=A('.ex-images button'),G=A('.ex-layer'),S=A('.ex-set'),T=X.querySelector('.ex-status');\
    function geo(g){var c=D(g,'c'),w=D(g,'tw')+1,h=D(g,'th')+1;return{c:c,n:D(g,'n'),w:w,h:h,W:c*w+1,H:Math.ceil(D(g,'n')/c)*h+1}}\
    function peak(l,u){return G[l].querySelector('img[data-i="'+I+'"]').dataset.v.split(' ')[u]}\
    function draw(){B.forEach(function(b,i){b.setAttribute('aria-checked',i==I);b.tabIndex=i==I?0:-1});\
    G.forEach(function(g,l){var q=geo(g),u=K[l],r=g.querySelector('.ex-ring'),z=g.querySelector('.ex-grid');\
    A('img',g).forEach(function(m){m.hidden=D(m,'i')!=I});r.hidden=l!=L;\
    r.style.left=100*(u%q.c)*q.w/q.W+'%';r.style.top=100*Math.floor(u/q.c)*q.h/q.H+'%';\
    z.setAttribute('aria-valuenow',u);z.setAttribute('aria-valuetext','unit '+u+': '+peak(l,u))});\
    S.forEach(function(s,l){s.hidden=l!=L;A('.ex-crop',s).forEach(function(b){var t=D(b,'t')+1;\
    A('img',b).forEach(function(m){if(m.dataset.i)m.hidden=D(m,'i')!=I;m.style.transform='translateY('+-100*(U*t+1)/(D(b,'n')*t+1)+'%)'})})});\
    T.textContent=G[L].dataset.name+' unit '+U+': '+peak(L,U)+' on '+B[I].title}\
    function pick(l,u){K[l]=u;L=l;U=u;draw()}\
    G.forEach(function(g,l){var z=g.querySelector('.ex-grid');K[l]=l==L?U:0;\
    z.onclick=function(e){var q=geo(g),r=z.getBoundingClientRect(),x=Math.floor(((e.clientX-r.left)/r.width*q.W-.5)/q.w),\
    y=Math.floor(((e.clientY-r.top)/r.height*q.H-.5)/q.h),u=y*q.c+Math.min(q.c-1,Math.max(0,x));if(u>=0&&u<q.n)pick(l,u)};\
    z.onkeydown=function(e){var q=geo(g),d={ArrowLeft:-1,ArrowRight:1,ArrowUp:-q.c,ArrowDown:q.c,Home:-1e9,End:1e9}[e.key];\
    if(e.key=='Enter'||e.key==' ')d=0;if(d==null)return;e.preventDefault();pick(l,Math.max(0,Math.min(q.n-1,K[l]+d)))}});\
    B.forEach(function(b,i){b.onclick=function(){I=i;draw()}});\
    X.querySelector('.ex-images').onkeydown=function(e){var d={ArrowLeft:-1,ArrowUp:-1,ArrowRight:1,ArrowDown:1}[e.key];\
    if(!d)return;e.preventDefault();I=(I+d+B.length)%B.length;draw();B[I].focus()};\
    X.classList.add('live');draw()})();
    """
}
